package dev.upgradeassist.systemtests.load;

import dev.upgradeassist.systemtests.http.MailApi;
import dev.upgradeassist.systemtests.http.Pipeline;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows every accepted request until it has its first email (GreenMail REST, the requester's
 * mailbox) and its final status (GET /api/v1/upgrade-requests/{id}). Polls are scheduled per
 * request with an interval that grows with the request's age (100 ms for mail and 200 ms for the
 * status at first, then 5 % of the age), so a latency is over-stated by at most that interval plus
 * how late the poll ran (recorded, and reported).
 *
 * <p>With {@link Signals} (the topics, {@link EventSignals}) a due poll makes its HTTP call only once the topics show
 * the event that makes what it looks for due ({@link PollGate}); until then it waits without a call (counted as gated)
 * and is made due at once when the event is read. The measured moment stays the one an HTTP poll saw the email or the
 * status; a request not polled for {@code systemtests.gateSafetyNetSeconds} (default 10) or half its age, whichever is
 * longer, is polled anyway, in case a signal was missed, unless the signals' reader is caught up with the topics
 * ({@link Signals#covers}: then nothing was missed).
 *
 * <p>With signals, only 1 request in {@code systemtests.mailboxPollEvery} (default 10; 1 = all) looks for its first
 * email in the mailbox; for the others the {@code NotificationSent} read from the topic is the first email (the ledger
 * recorded it as accepted by SMTP), with no HTTP call ({@link Tracked#mailFromTopic}). Their safety net still looks in
 * the mailbox, once their status has been final for the net's time ({@link PollGate#decideOutsideMailboxSample}). The
 * mailbox polls were a fifth of GreenMail's CPU under load, for a figure the sample gives as well; every email is still
 * checked in the mailboxes once, after the load ({@code Verifier}).
 *
 * <p>In the same way only 1 request in {@code systemtests.statusPollEvery} (default 10; 1 = all) reads its final status
 * over GET /api/v1/upgrade-requests/{id}; for the others the scenario's final event read from the topic is the final
 * status, with no HTTP call ({@link Tracked#statusFromTopic}). Their safety net polls the status over HTTP as before,
 * so a missed signal (and a request that went elsewhere: a status it should never show) is still seen. The reads after
 * the gate opened were about 40 % of intake's HTTP calls under load, for a figure the sample gives as well; every
 * request's status in intake's view is still read once, after the load ({@code Verifier}).
 */
public final class Tracker implements AutoCloseable {

    enum Kind { MAIL, STATUS }

    /** Whether the requester's mailbox holds a message of this request (GreenMail's REST API). */
    interface Inbox {
        boolean hasMail(Tracked request) throws IOException;
    }

    /**
     * Whether {@code inbox}, the messages of the request's mailbox, holds one of the request's: any message when the
     * mailbox is the request's own; in a shared one, a message whose subject starts with the request's ticket id in
     * brackets (every template's subject does), none while the ticket id is unknown.
     */
    static boolean holdsMailOf(List<MailApi.Mail> inbox, Tracked request) {
        if (!request.sharedMailbox) {
            return !inbox.isEmpty();
        }
        String ticketId = request.ticketId;
        if (ticketId == null || ticketId.isBlank()) {
            return false;
        }
        String tag = "[" + ticketId + "]";
        return inbox.stream().anyMatch(mail -> mail.subject() != null && mail.subject().startsWith(tag));
    }

    /** The request's status in intake's view, empty while unknown. */
    interface StatusView {
        Optional<String> status(String requestId) throws IOException;
    }

    /**
     * One scheduled look at a request. {@code lastPollNanos} is its last HTTP poll of this kind (or when it was
     * followed), for the safety net; a poll that a signal replaced by one due at once is claimed by the waker and
     * skipped when it comes due.
     */
    private static final class Poll implements Delayed {
        final Tracked request;
        final Kind kind;
        final long dueNanos;
        final long lastPollNanos;
        private final AtomicBoolean claimed = new AtomicBoolean();

        Poll(Tracked request, Kind kind, long dueNanos, long lastPollNanos) {
            this.request = request;
            this.kind = kind;
            this.dueNanos = dueNanos;
            this.lastPollNanos = lastPollNanos;
        }

        /** True for the one caller (worker or waker) that may act on this poll. */
        boolean claim() {
            return claimed.compareAndSet(false, true);
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

    private final StatusView view;
    private final Inbox inbox;
    private final PollGate gate;
    /** Polls waiting for their signal, by request id (a signal makes them due at once). */
    private final ConcurrentHashMap<String, Poll> waitingMail = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Poll> waitingStatus = new ConcurrentHashMap<>();
    private final DelayQueue<Poll> mailQueue = new DelayQueue<>();
    private final DelayQueue<Poll> statusQueue = new DelayQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final ConcurrentLinkedQueue<Tracked> all = new ConcurrentLinkedQueue<>();
    private final Duration giveUpAfter;
    /** 1 request in this many polls its mailbox for its first email (with signals; without, every one does). */
    private final int mailboxEvery;
    /** 1 request in this many reads its final status over HTTP (with signals; without, every one does). */
    private final int statusEvery;
    private volatile boolean running = true;
    public final AtomicLong mailPolls = new AtomicLong();
    /** Requests whose first email was taken from the topic, not polled in the mailbox (not in the sample). */
    public final AtomicLong mailsFromTopic = new AtomicLong();
    public final AtomicLong statusPolls = new AtomicLong();
    /** Requests whose final status was taken from the topic, not read over HTTP (not in the status sample). */
    public final AtomicLong statusesFromTopic = new AtomicLong();
    public final AtomicLong pollErrors = new AtomicLong();
    /** Due polls that made no HTTP call because the topics did not show their event yet. */
    public final AtomicLong mailPollsGated = new AtomicLong();
    public final AtomicLong statusPollsGated = new AtomicLong();
    /** HTTP polls (of both kinds, included in the counts above) made by the safety net while the gate was closed. */
    public final AtomicLong safetyNetPolls = new AtomicLong();
    /**
     * Due safety-net polls (of both kinds, included in the gated counts) not made because the signals covered the
     * request: their reader was caught up, so nothing had been missed.
     */
    public final AtomicLong safetyNetCovered = new AtomicLong();
    /**
     * How late each poll ran after it was due (µs), by kind: when the throttles or the workers cannot keep up, the
     * latencies measured by polling are over-stated by about this much, and the report says so.
     */
    public final org.HdrHistogram.ConcurrentHistogram mailPollLateMicros = new org.HdrHistogram.ConcurrentHistogram(3);
    public final org.HdrHistogram.ConcurrentHistogram statusPollLateMicros = new org.HdrHistogram.ConcurrentHistogram(3);

    /** Polls every request over HTTP at every due time (no gate). */
    public Tracker(Pipeline pipeline, MailApi mail, int workerThreads, Duration giveUpAfter) {
        this(pipeline, mail, workerThreads, giveUpAfter, null);
    }

    /** {@code signals} null = no gate (every due poll calls). */
    public Tracker(Pipeline pipeline, MailApi mail, int workerThreads, Duration giveUpAfter, Signals signals) {
        this(pipeline::status, request -> holdsMailOf(mail.inbox(request.mailbox), request), workerThreads, giveUpAfter, signals,
                Duration.ofSeconds(Integer.getInteger("systemtests.gateSafetyNetSeconds", 10)),
                Integer.getInteger("systemtests.mailboxPollEvery", 10),
                Integer.getInteger("systemtests.statusPollEvery", 10));
    }

    Tracker(StatusView view, Inbox inbox, int workerThreads, Duration giveUpAfter, Signals signals, Duration safetyNet,
            int mailboxEvery, int statusEvery) {
        if (mailboxEvery < 1) {
            throw new IllegalArgumentException("systemtests.mailboxPollEvery must be 1 or more, not " + mailboxEvery);
        }
        if (statusEvery < 1) {
            throw new IllegalArgumentException("systemtests.statusPollEvery must be 1 or more, not " + statusEvery);
        }
        this.view = view;
        this.inbox = inbox;
        this.giveUpAfter = giveUpAfter;
        this.mailboxEvery = mailboxEvery;
        this.statusEvery = statusEvery;
        this.gate = new PollGate(signals, safetyNet);
        if (signals != null) {
            signals.onEvent(this::signalled);
        }
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
        schedule(new Poll(request, Kind.MAIL, now + interval(Kind.MAIL, 0), now));
        schedule(new Poll(request, Kind.STATUS, now + interval(Kind.STATUS, 0), now));
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
            if (poll == null || !poll.claim()) {
                continue;   // none due, or replaced by one due at once
            }
            Tracked request = poll.request;
            waiting(poll.kind).remove(request.id, poll);
            if (poll.kind == Kind.MAIL && request.hasMail()) {
                continue;   // set from the ledger meanwhile
            }
            long now = System.nanoTime();
            boolean mailFromTopic = poll.kind == Kind.MAIL && gate.gated() && !inMailboxSample(request);
            boolean statusFromTopic = poll.kind == Kind.STATUS && gate.gated() && !inStatusSample(request);
            PollGate.Decision decision = mailFromTopic ? gate.decideOutsideMailboxSample(request, poll.lastPollNanos, now)
                    : gate.decide(poll.kind, request, poll.lastPollNanos, now);
            if (decision == PollGate.Decision.WAIT || decision == PollGate.Decision.COVERED) {
                (poll.kind == Kind.MAIL ? mailPollsGated : statusPollsGated).incrementAndGet();
                if (decision == PollGate.Decision.COVERED) {
                    safetyNetCovered.incrementAndGet();
                }
                long age = now - request.submitNanos;
                if (age < giveUpAfter.toNanos() && running) {
                    long recheck = mailFromTopic ? gate.recheckOutsideMailboxSample(age, now)
                            : gate.recheckAt(poll.kind, age, poll.lastPollNanos, now);
                    park(new Poll(request, poll.kind, recheck, poll.lastPollNanos));
                }
                continue;
            }
            if (decision == PollGate.Decision.POLL && mailFromTopic) {
                // the topic shows the email accepted by SMTP: that is its first email, no HTTP call
                request.mailFromTopic = true;
                request.firstMailNanos = now;
                mailsFromTopic.incrementAndGet();
                continue;
            }
            if (decision == PollGate.Decision.POLL && statusFromTopic && gate.finalEventSeen(request)) {
                // the topic shows the event that moves intake's view to the final status: no HTTP call (the view is
                // read once after the load)
                request.statusFromTopic = true;
                request.finalNanos = now;
                statusesFromTopic.incrementAndGet();
                continue;
            }
            if (decision == PollGate.Decision.SAFETY_NET) {
                safetyNetPolls.incrementAndGet();
            }
            boolean finished;
            long polledAt = now;
            try {
                (poll.kind == Kind.MAIL ? mailThrottle : statusThrottle).acquire();
                long lateMicros = Math.max(0, (System.nanoTime() - poll.dueNanos) / 1_000);
                (poll.kind == Kind.MAIL ? mailPollLateMicros : statusPollLateMicros).recordValue(lateMicros);
                polledAt = System.nanoTime();
                finished = poll.kind == Kind.MAIL ? pollMail(request) : pollStatus(request);
            } catch (IOException | RuntimeException e) {
                pollErrors.incrementAndGet();
                finished = false;
            } catch (InterruptedException e) {
                return;
            }
            long age = System.nanoTime() - request.submitNanos;
            if (!finished && age < giveUpAfter.toNanos() && running) {
                schedule(new Poll(request, poll.kind, System.nanoTime() + interval(poll.kind, age), polledAt));
            }
        }
    }

    /** Whether the request looks for its first email in the mailbox (else the topic's signal is taken). */
    boolean inMailboxSample(Tracked request) {
        return mailboxEvery == 1 || Math.floorMod(request.n, mailboxEvery) == 0;
    }

    /**
     * Whether request {@code n} will poll its mailbox as the load goes: every request without a gate, else the
     * mailbox sample. The others are looked for in their mailbox only by the safety net and after the load, so
     * they can share mailboxes ({@link Submissions#mailbox(String, long, boolean, int)}).
     */
    public boolean pollsMailboxOf(long n) {
        return !gate.gated() || mailboxEvery == 1 || Math.floorMod(n, mailboxEvery) == 0;
    }

    /** Whether the request reads its final status over HTTP (else the topic's signal is taken). */
    boolean inStatusSample(Tracked request) {
        return statusEvery == 1 || Math.floorMod(request.n, statusEvery) == 0;
    }

    private ConcurrentHashMap<String, Poll> waiting(Kind kind) {
        return kind == Kind.MAIL ? waitingMail : waitingStatus;
    }

    /** Queues a poll; one whose gate is closed waits for its signal (a signal makes it due at once). */
    private void schedule(Poll poll) {
        if (gate.gated() && !gate.open(poll.kind, poll.request)) {
            park(poll);
        } else {
            (poll.kind == Kind.MAIL ? mailQueue : statusQueue).add(poll);
        }
    }

    /** Queues a poll that waits for its signal, then looks again: a signal read meanwhile found nothing to wake. */
    private void park(Poll poll) {
        waiting(poll.kind).put(poll.request.id, poll);
        (poll.kind == Kind.MAIL ? mailQueue : statusQueue).add(poll);
        wake(poll.kind, poll.request.id);
    }

    /** An event was read for a request: its waiting polls whose gate it opened are made due now. */
    private void signalled(String requestId, String eventName) {
        wake(Kind.MAIL, requestId);
        wake(Kind.STATUS, requestId);
    }

    private void wake(Kind kind, String requestId) {
        Poll waiting = waiting(kind).get(requestId);
        if (waiting != null && gate.open(kind, waiting.request) && waiting.claim()) {
            waiting(kind).remove(requestId, waiting);
            (kind == Kind.MAIL ? mailQueue : statusQueue).add(new Poll(waiting.request, kind, System.nanoTime(),
                    waiting.lastPollNanos));
        }
    }

    private boolean pollMail(Tracked request) throws IOException {
        if (request.hasMail()) {
            return true; // set from the ledger meanwhile (an email GreenMail lost with its memory)
        }
        mailPolls.incrementAndGet();
        if (inbox.hasMail(request)) {
            request.firstMailNanos = System.nanoTime();
            return true;
        }
        return false;
    }

    private boolean pollStatus(Tracked request) throws IOException {
        statusPolls.incrementAndGet();
        Optional<String> status = view.status(request.id);
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
