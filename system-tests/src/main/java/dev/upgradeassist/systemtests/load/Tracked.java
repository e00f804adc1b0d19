package dev.upgradeassist.systemtests.load;

/**
 * One submitted request as the driver follows it. Times are {@link System#nanoTime()} values
 * (0 = not yet); {@code submitNanos} is when the first POST attempt started.
 */
public final class Tracked {

    public final String phase;
    public final long n;
    public final Scenario scenario;
    public final String mailbox;
    /** Other requests' emails arrive in {@link #mailbox} too: this request's are those whose subject starts with its ticket id. */
    public final boolean sharedMailbox;
    public final String idempotencyKey;
    public final String body;

    public volatile String id;
    /** The ticket id intake answered with ({@code UA-...}); every email's subject starts with it in brackets. */
    public volatile String ticketId;
    public volatile long submitNanos;
    public volatile long submitEpochMillis;
    public volatile long acceptedNanos;
    public volatile int attempts;
    public volatile String submitError;
    /** The submission ended: accepted, refused or given up (no POST of it is still in flight). */
    public volatile boolean submitEnded;

    public volatile long firstMailNanos;
    /**
     * The first email was taken from the topic ({@code NotificationSent} read by the harness: the ledger recorded it
     * as accepted by SMTP), not seen in the mailbox: the request was not in the tracker's mailbox sample.
     */
    public volatile boolean mailFromTopic;
    public volatile long finalNanos;
    /**
     * The final status was taken from the topic (the scenario's {@link Scenario#finalEvent()} read by the harness), not
     * seen over GET /api/v1/upgrade-requests/{id}: the request was not in the tracker's status sample. Intake's view
     * of it is checked once after the load ({@code Verifier}).
     */
    public volatile boolean statusFromTopic;
    public volatile String lastStatus;
    public volatile String unexpectedStatus;

    public Tracked(String phase, long n, Scenario scenario, String mailbox, String idempotencyKey, String body) {
        this(phase, n, scenario, mailbox, false, idempotencyKey, body);
    }

    public Tracked(String phase, long n, Scenario scenario, String mailbox, boolean sharedMailbox, String idempotencyKey,
                   String body) {
        this.phase = phase;
        this.n = n;
        this.scenario = scenario;
        this.mailbox = mailbox;
        this.sharedMailbox = sharedMailbox;
        this.idempotencyKey = idempotencyKey;
        this.body = body;
    }

    public boolean accepted() {
        return id != null;
    }

    public boolean isFinal() {
        return finalNanos != 0;
    }

    public boolean hasMail() {
        return firstMailNanos != 0;
    }

    public boolean done() {
        return isFinal() && hasMail();
    }

    public long submitToFirstMailMicros() {
        return (firstMailNanos - submitNanos) / 1000;
    }

    public long submitToFinalMicros() {
        return (finalNanos - submitNanos) / 1000;
    }

    @Override
    public String toString() {
        return phase + "#" + n + " " + scenario + " id=" + id + " status=" + lastStatus
                + (unexpectedStatus != null ? " UNEXPECTED=" + unexpectedStatus : "")
                + " mail=" + hasMail() + (submitError != null ? " error=" + submitError : "");
    }
}
