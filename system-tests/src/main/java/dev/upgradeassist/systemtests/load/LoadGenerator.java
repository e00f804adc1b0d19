package dev.upgradeassist.systemtests.load;

import dev.upgradeassist.systemtests.http.Http;
import dev.upgradeassist.systemtests.http.Pipeline;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Submits requests open-loop: at a fixed rate (a schedule that does not wait for responses, so a
 * slow system cannot slow the offered load down) or as a burst. A submission that meets a refused
 * connection, a timeout or a 5xx is retried with the same Idempotency-Key, as a portal would, until
 * accepted; its latency counts from the first attempt.
 */
public final class LoadGenerator implements AutoCloseable {

    private final Pipeline pipeline;
    private final Submissions submissions;
    private final Tracker tracker;
    private final String runTag;
    private final ExecutorService submitters = Executors.newFixedThreadPool(64, daemon("submit"));
    private final AtomicLong sequence = new AtomicLong();
    private final Duration giveUpAfter;
    /** How many addresses the requests outside the tracker's mailbox sample share (0: each has its own). */
    private final int sharedMailboxes = Integer.getInteger("systemtests.sharedMailboxes", 500);
    public final AtomicLong retries = new AtomicLong();
    public final AtomicLong rejected = new AtomicLong();

    public LoadGenerator(Pipeline pipeline, Submissions submissions, Tracker tracker, String runTag, Duration giveUpAfter) {
        this.pipeline = pipeline;
        this.submissions = submissions;
        this.tracker = tracker;
        this.runTag = runTag;
        this.giveUpAfter = giveUpAfter;
    }

    /** A running constant-rate load; {@link #stop()} ends the schedule (submissions in flight finish). */
    public final class Steady {
        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("ticker"));
        private final List<Tracked> requests = Collections.synchronizedList(new ArrayList<>());
        private volatile String phase;
        public volatile long startNanos;
        public volatile long stopNanos;

        Steady(String phase, double perSecond, long maxRequests) {
            this.phase = phase;
            long period = (long) (1_000_000_000L / perSecond);
            startNanos = System.nanoTime();
            ticker.scheduleAtFixedRate(() -> {
                if (maxRequests > 0 && requests.size() >= maxRequests) {
                    stop();
                    return;
                }
                requests.add(submitAsync(this.phase));
            }, 0, period, TimeUnit.NANOSECONDS);
        }

        /** Requests submitted from now on are tagged with this phase (the load itself does not pause). */
        public void phase(String phase) {
            this.phase = phase;
        }

        public void stop() {
            if (stopNanos == 0) {
                stopNanos = System.nanoTime();
            }
            ticker.shutdown();
        }

        public List<Tracked> requests() {
            synchronized (requests) {
                return List.copyOf(requests);
            }
        }

        public boolean awaitStopped(Duration timeout) throws InterruptedException {
            return ticker.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public Steady steady(String phase, double perSecond) {
        return new Steady(phase, perSecond, 0);
    }

    public Steady steady(String phase, double perSecond, long count) {
        return new Steady(phase, perSecond, count);
    }

    /** Submits {@code count} requests as fast as {@code concurrency} clients can; returns once all are accepted (or failed). */
    public List<Tracked> burst(String phase, int count, int concurrency) throws InterruptedException {
        List<Tracked> requests = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, daemon("burst"));
        for (int i = 0; i < count; i++) {
            pool.execute(() -> {
                Tracked request = newRequest(phase);
                requests.add(request);
                submit(request);
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        return List.copyOf(requests);
    }

    private Tracked submitAsync(String phase) {
        Tracked request = newRequest(phase);
        request.submitNanos = System.nanoTime();
        request.submitEpochMillis = System.currentTimeMillis();
        submitters.execute(() -> submit(request));
        return request;
    }

    private Tracked newRequest(String phase) {
        long n = sequence.incrementAndGet();
        Scenario scenario = Scenario.forRequest(n);
        boolean own = tracker.pollsMailboxOf(n);
        String mailbox = submissions.mailbox(runTag, n, own, sharedMailboxes);
        return new Tracked(phase, n, scenario, mailbox, !mailbox.equals(submissions.mailbox(runTag, n)),
                "systemtest-" + runTag + "-" + n, submissions.body(scenario, mailbox, n));
    }

    /** Blocks until the request is accepted or given up; records times and follows it. */
    void submit(Tracked request) {
        try {
            submitUntilAnswered(request);
        } finally {
            request.submitEnded = true;
        }
    }

    private void submitUntilAnswered(Tracked request) {
        if (request.submitNanos == 0) {
            request.submitNanos = System.nanoTime();
            request.submitEpochMillis = System.currentTimeMillis();
        }
        long backoff = 100;
        while (true) {
            request.attempts++;
            try {
                Http.Response response = pipeline.submit(request.body, request.idempotencyKey);
                if (response.status() == 202 || response.status() == 200) {
                    request.id = response.json().path("id").asString();
                    request.ticketId = response.json().path("ticketId").asString(null);
                    request.submitError = null;
                    request.acceptedNanos = System.nanoTime();
                    tracker.follow(request);
                    return;
                }
                if (response.status() < 500 && response.status() != 429) {
                    request.submitError = "HTTP " + response.status() + " " + response.body();
                    rejected.incrementAndGet();
                    return;
                }
                request.submitError = "HTTP " + response.status();
            } catch (IOException | RuntimeException e) {
                request.submitError = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (System.nanoTime() - request.submitNanos > giveUpAfter.toNanos()) {
                rejected.incrementAndGet();
                return;
            }
            retries.incrementAndGet();
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = Math.min(1_000, backoff * 2);
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong count = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        submitters.shutdownNow();
    }
}
