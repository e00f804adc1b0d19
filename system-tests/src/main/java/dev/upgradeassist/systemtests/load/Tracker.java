package dev.upgradeassist.systemtests.load;

import dev.upgradeassist.systemtests.http.MailApi;
import dev.upgradeassist.systemtests.http.Pipeline;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows every accepted request until it has its first email (GreenMail REST, the requester's
 * mailbox) and its final status (GET /api/v1/upgrade-requests/{id}). Polls are scheduled per
 * request with an interval that grows with the request's age: 50 ms (mail) and 100 ms (status)
 * during the first 2 s, so the measurement error of a typical latency is at most one interval.
 */
public final class Tracker implements AutoCloseable {

    private enum Kind { MAIL, STATUS }

    private static final class Poll implements Delayed {
        final Tracked request;
        final Kind kind;
        final long dueNanos;

        Poll(Tracked request, Kind kind, long dueNanos) {
            this.request = request;
            this.kind = kind;
            this.dueNanos = dueNanos;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueNanos, ((Poll) other).dueNanos);
        }
    }

    private final Pipeline pipeline;
    private final MailApi mail;
    private final DelayQueue<Poll> queue = new DelayQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final ConcurrentLinkedQueue<Tracked> all = new ConcurrentLinkedQueue<>();
    private final Duration giveUpAfter;
    private volatile boolean running = true;
    public final AtomicLong mailPolls = new AtomicLong();
    public final AtomicLong statusPolls = new AtomicLong();
    public final AtomicLong pollErrors = new AtomicLong();

    public Tracker(Pipeline pipeline, MailApi mail, int workerThreads, Duration giveUpAfter) {
        this.pipeline = pipeline;
        this.mail = mail;
        this.giveUpAfter = giveUpAfter;
        for (int i = 0; i < workerThreads; i++) {
            Thread worker = new Thread(this::work, "tracker-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    /** Starts following an accepted request. */
    public void follow(Tracked request) {
        all.add(request);
        long now = System.nanoTime();
        queue.add(new Poll(request, Kind.MAIL, now + interval(Kind.MAIL, 0)));
        queue.add(new Poll(request, Kind.STATUS, now + interval(Kind.STATUS, 0)));
    }

    public List<Tracked> all() {
        return List.copyOf(all);
    }

    static long interval(Kind kind, long ageNanos) {
        long ageMillis = ageNanos / 1_000_000;
        long millis;
        if (ageMillis < 2_000) {
            millis = kind == Kind.MAIL ? 50 : 100;
        } else if (ageMillis < 10_000) {
            millis = kind == Kind.MAIL ? 100 : 250;
        } else if (ageMillis < 60_000) {
            millis = 500;
        } else {
            millis = 2_000;
        }
        return millis * 1_000_000;
    }

    private void work() {
        while (running) {
            Poll poll;
            try {
                poll = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (poll == null) {
                continue;
            }
            Tracked request = poll.request;
            boolean finished;
            try {
                finished = poll.kind == Kind.MAIL ? pollMail(request) : pollStatus(request);
            } catch (IOException | RuntimeException e) {
                pollErrors.incrementAndGet();
                finished = false;
            }
            long age = System.nanoTime() - request.submitNanos;
            if (!finished && age < giveUpAfter.toNanos() && running) {
                queue.add(new Poll(request, poll.kind, System.nanoTime() + interval(poll.kind, age)));
            }
        }
    }

    private boolean pollMail(Tracked request) throws IOException {
        mailPolls.incrementAndGet();
        if (!mail.inbox(request.mailbox).isEmpty()) {
            request.firstMailNanos = System.nanoTime();
            return true;
        }
        return false;
    }

    private boolean pollStatus(Tracked request) throws IOException {
        statusPolls.incrementAndGet();
        Optional<String> status = pipeline.status(request.id);
        if (status.isEmpty()) {
            return false;
        }
        String s = status.get();
        request.lastStatus = s;
        if (s.equals(request.scenario.finalStatus())) {
            request.finalNanos = System.nanoTime();
            return true;
        }
        if (!request.scenario.transitional().contains(s)) {
            request.unexpectedStatus = s;
        }
        return false;
    }

    /**
     * Waits until every given request is done (final status and first email) or the timeout passes;
     * returns those not done.
     */
    public static List<Tracked> await(Collection<Tracked> requests, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Tracked> open = requests.stream().filter(r -> r.accepted() && !r.done()).toList();
            if (open.isEmpty() || System.nanoTime() > deadline) {
                return open;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return open;
            }
        }
    }

    /** The moment the last of the requests became done (nanoTime), or 0 when one is not done. */
    public static long lastDoneNanos(Collection<Tracked> requests) {
        long last = 0;
        for (Tracked r : requests) {
            if (!r.done()) {
                return 0;
            }
            last = Math.max(last, Math.max(r.firstMailNanos, r.finalNanos));
        }
        return last;
    }

    @Override
    public void close() {
        running = false;
        workers.forEach(Thread::interrupt);
    }
}
