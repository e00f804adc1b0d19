package dev.upgradeassist.systemtests.verify;

import dev.upgradeassist.systemtests.http.MailApi;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Message-IDs seen in each mailbox, kept across GreenMail's lifetimes: GreenMail keeps mail in
 * memory, so stopping it (the SMTP fault) or purging it forgets what it had. Each lifetime's last
 * snapshot of a mailbox is kept, and a Message-ID's count is the sum over lifetimes, so an email
 * delivered before a stop and again after it counts twice.
 */
public final class MailArchive {

    private final MailApi mail;
    private final Map<Integer, Map<String, List<String>>> byLifetime = new ConcurrentHashMap<>();
    private volatile int lifetime;

    public MailArchive(MailApi mail) {
        this.mail = mail;
    }

    /** GreenMail was restarted or purged: later snapshots belong to a new lifetime. */
    public synchronized void newLifetime() {
        lifetime++;
    }

    /** Snapshots the mailboxes (in parallel); returns how many could not be read. */
    public int sweep(Collection<String> mailboxes, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int current = lifetime;
        Map<String, List<String>> snapshots = byLifetime.computeIfAbsent(current, k -> new ConcurrentHashMap<>());
        try {
            List<Future<Boolean>> results = mailboxes.stream().distinct().map(box -> pool.submit(() -> {
                try {
                    snapshots.put(box, mail.inbox(box).stream().map(MailApi.Mail::messageId).toList());
                    return true;
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            })).toList();
            int failed = 0;
            for (Future<Boolean> r : results) {
                try {
                    if (!r.get()) {
                        failed++;
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    failed++;
                }
            }
            return failed;
        } finally {
            pool.shutdown();
        }
    }

    /** Message-ID → how many copies the mailbox received over all lifetimes. */
    public Map<String, Integer> counts(String mailbox) {
        Map<String, Integer> counts = new HashMap<>();
        byLifetime.values().forEach(snapshots -> {
            List<String> ids = snapshots.get(mailbox);
            if (ids != null) {
                ids.forEach(id -> counts.merge(id, 1, Integer::sum));
            }
        });
        return counts;
    }
}
