package dev.upgradeassist.systemtests.suite.faults;

import dev.upgradeassist.systemtests.http.Pipeline;
import dev.upgradeassist.systemtests.load.Tracked;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * GreenMail (SMTP) stopped for {@code seconds} and started again. Its mail is lost with it, so the
 * mailboxes are swept just before the stop.
 */
public record StopSmtp(int seconds) implements Fault {

    @Override
    public String description() {
        return "stop GreenMail for " + seconds + " s";
    }

    @Override
    public void prepare(FaultContext context) throws InterruptedException {
        List<String> mailboxes = context.load().requests().stream().map(r -> r.mailbox).toList();
        context.sut().archive.sweep(mailboxes, 8);
    }

    @Override
    public Injected inject(FaultContext context) {
        var sut = context.sut();
        long stoppedAtMillis = System.currentTimeMillis();
        sut.stack.stopMail();
        sut.archive.newLifetime();
        return () -> {
            Thread.sleep(seconds * 1000L);
            sut.stack.startMail();
            long ready = sut.stack.awaitMail(Duration.ofMinutes(2), "restart after a " + seconds + " s stop");
            int lost = firstMailsLostWithGreenMail(sut.pipeline, context.load().requests(), stoppedAtMillis, context.log());
            return Recovery.of("GreenMail (SMTP) stopped for " + seconds + " s", ready,
                    "mail that GreenMail held when it stopped was swept before (its memory is lost with it); "
                            + lost + " request(s) whose first email SMTP accepted after their sweep and before the "
                            + "stop: first email taken from the ledger's sentAt");
        };
    }

    /**
     * A request whose first email GreenMail accepted after the harness swept its mailbox and before GreenMail was
     * stopped has lost that email with GreenMail's memory: no mailbox will ever show it. For each request submitted
     * before the stop with no mail seen yet, the ledger tells: an email to the requester SENT before the stop is its
     * first email, at the ledger's {@code sentAt} (SMTP accepted; no polling error). Returns how many were found.
     */
    static int firstMailsLostWithGreenMail(Pipeline pipeline, List<Tracked> requests, long stoppedAtMillis, Consumer<String> log) {
        int found = 0;
        for (Tracked r : requests) {
            if (r.hasMail() || !r.accepted() || r.submitEpochMillis == 0 || r.submitEpochMillis > stoppedAtMillis) {
                continue;
            }
            try {
                long firstSent = Long.MAX_VALUE;
                for (var entry : pipeline.notifications(r.id)) {
                    boolean toRequester = false;
                    for (var to : entry.path("to")) {
                        toRequester |= to.asString("").equalsIgnoreCase(r.mailbox);
                    }
                    String sentAt = entry.path("sentAt").asString(null);
                    if (toRequester && "SENT".equals(entry.path("status").asString("")) && sentAt != null) {
                        firstSent = Math.min(firstSent, Instant.parse(sentAt).toEpochMilli());
                    }
                }
                if (firstSent <= stoppedAtMillis && !r.hasMail()) {
                    r.firstMailNanos = r.submitNanos + Math.max(0, firstSent - r.submitEpochMillis) * 1_000_000L;
                    found++;
                }
            } catch (IOException | RuntimeException e) {
                log.accept("    could not read the ledger of " + r.id + ": " + e);
            }
        }
        return found;
    }
}
