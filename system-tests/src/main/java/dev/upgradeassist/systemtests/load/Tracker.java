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
 * request with an interval that grows with the request's age (100 ms for mail and 200 ms for the
 * status at first, then 5 % of the age), so a latency is over-stated by at most that interval plus
 * how late the poll ran (recorded, and reported).
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
    private final DelayQueue<Poll> mailQueue = new DelayQueue<>();
    private final DelayQueue<Poll> statusQueue = new DelayQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final ConcurrentLinkedQueue<Tracked> all = new ConcurrentLinkedQueue<>();
    private final Duration giveUpAfter;
    private volatile boolean running = true;
    public final AtomicLong mailPolls = new AtomicLong();
    public final AtomicLong statusPolls = new AtomicLong();
    public final AtomicLong pollErrors = new AtomicLong();
    /**
     * How late each poll ran after it was due (µs), by kind: when the throttles or the workers cannot keep up, the
     * latencies measured by polling are over-stated by about this much, and the report says so.
     */
    public final org.HdrHistogram.ConcurrentHistogram mailPollLateMicros = new org.HdrHistogram.ConcurrentHistogram(3);
    public final org.HdrHistogram.ConcurrentHistogram statusPollLateMicros = new org.HdrHistogram.ConcurrentHistogram(3);

    public Tracker(Pipeline pipeline, MailApi mail, int workerThreads, Duration giveUpAfter) {
        this.pipeline = pipeline;
        this.mail = mail;
        this.giveUpAfter = giveUpAfter;
        for (int i = 0; i < Math.max(2, workerThreads); i++) {
            DelayQueue<Poll> queue = i % 2 == 0 ? mailQueue : statusQueue;
            Thread worker = new Thread(() -> work(queue), "tracker-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    /** Starts following an accepted request. */
    public void follow(Tracked request) {
        all.add(request);
        long now = System.nanoTime();
        mailQueue.add(new Poll(request, Kind.MAIL, now + interval(Kind.MAIL, 0)));
        statusQueue.add(new Poll(request, Kind.STATUS, now + interval(Kind.STATUS, 0)));
    }

    public List<Tracked> all() {
        return List.copyOf(all);
    }

    /**
     * The poll interval for a request of this age: 100 ms (mail) or 200 ms (status) at first, then 5 %
     * of the age (so a figure is late by at most 5 %, or by the base interval), at most 5 s. Shorter
     * base intervals made the harness's own polling, at 50 requests/s, exceed its throttles.
     */
    static long interval(Kind kind, long ageNanos) {
        long base = kind == Kind.MAIL ? 100_000_000L : 200_000_000L;
        return Math.min(5_000_000_000L, Math.max(base, ageNanos / 20));
    }

    /** At most {@code perSecond} polls of one kind per second, so that a backlog does not turn the driver into the load. */
    private static final class Throttle {
        private final long periodNanos;
        private long next = System.nanoTime();

        Throttle(int perSecond) {
            this.periodNanos = 1_000_000_000L / perSecond;
        }

        void acquire() throws InterruptedException {
            long wait;
            synchronized (this) {
                long now = System.nanoTime();
                next = Math.max(next + periodNanos, now);
                wait = next - now;
            }
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }

    private final Throttle mailThrottle = new Throttle(Integer.getInteger("systemtests.maxMailPolls", 300));
    private final Throttle statusThrottle = new Throttle(Integer.getInteger("systemtests.maxStatusPolls", 200));

    private void work(DelayQueue<Poll> queue) {
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
                (poll.kind == Kind.MAIL ? mailThrottle : statusThrottle).acquire();
                long lateMicros = Math.max(0, (System.nanoTime() - poll.dueNanos) / 1_000);
                (poll.kind == Kind.MAIL ? mailPollLateMicros : statusPollLateMicros).recordValue(lateMicros);
                finished = poll.kind == Kind.MAIL ? pollMail(request) : pollStatus(request);
            } catch (IOException | RuntimeException e) {
                pollErrors.incrementAndGet();
                finished = false;
            } catch (InterruptedException e) {
                return;
            }
            long age = System.nanoTime() - request.submitNanos;
            if (!finished && age < giveUpAfter.toNanos() && running) {
                queue.add(new Poll(request, poll.kind, System.nanoTime() + interval(poll.kind, age)));
            }
        }
    }

    private boolean pollMail(Tracked request) throws IOException {
        if (request.hasMail()) {
            return true; // set from the ledger meanwhile (an email GreenMail lost with its memory)
        }
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
            List<Tracked> open = requests.stream().filter(r -> !r.submitEnded || (r.accepted() && !r.done())).toList();
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

    /** The moment the last of the accepted requests became done (nanoTime), or 0 when one is not done. */
    public static long lastDoneNanos(Collection<Tracked> requests) {
        long last = 0;
        for (Tracked r : requests) {
            if (r.submitEnded && !r.accepted()) {
                continue;
            }
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
