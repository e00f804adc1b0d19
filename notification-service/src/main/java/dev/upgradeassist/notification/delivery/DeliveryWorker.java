package dev.upgradeassist.notification.delivery;

import dev.upgradeassist.notification.infrastructure.NotificationProperties;
import dev.upgradeassist.notification.ledger.DeliveryClaims;
import dev.upgradeassist.notification.ledger.EntryRecorded;
import dev.upgradeassist.notification.ledger.NotificationEntry;
import dev.upgradeassist.notification.ledger.NotificationMetrics;
import dev.upgradeassist.notification.ledger.RefusedRecipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends what the ledger holds, on its own threads ({@code delivery.concurrency}), never on a Kafka listener's: woken by every new
 * entry (claimed by its key), retried on a timer at the entry's next attempt time (again by its key), and
 * scanning the ledger for due entries only at start and every {@code poll-interval} as a safety net, for
 * entries a crashed instance left behind once their lease has run out. On the embedded MongoDB-protocol
 * server a scan reads every ledger document, so it stays off the path of each email. Each claimed entry gets one SMTP attempt (bounded by the
 * {@code mail.smtp.*timeout} settings); a failure goes back to the ledger with a back-off, so a
 * dead SMTP server delays only the emails, never the topics.
 * <p>
 * The crash window: between SMTP accepting a message and the ledger recording SENT, a crash
 * leaves the entry claimable again once its lease ends, and the email goes out a second time
 * with the same Message-ID. {@code upgrade_assist.notification.crash_window} measures that window.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DeliveryClaims claims;
    private final MailTransport transport;
    private final NotificationMetrics metrics;
    private final NotificationProperties.Delivery settings;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private volatile boolean running;

    DeliveryWorker(DeliveryClaims claims, MailTransport transport, NotificationMetrics metrics,
                   NotificationProperties properties, Clock clock) {
        this.claims = claims;
        this.transport = transport;
        this.metrics = metrics;
        this.settings = properties.delivery();
        this.clock = clock;
        var threads = new java.util.concurrent.atomic.AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(settings.concurrency(), r -> {
            Thread thread = new Thread(r, "notification-delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Entries recorded here wait in memory for a delivery thread with their rendered bodies up to
     * {@code delivery.max-queued} (2,000); past it, a new one waits as its key and recorded version only, and its thread claims it from the ledger by that
     * version when its turn comes (one conditional write, which also reads the bodies back). Memory stays small
     * however far the SMTP side falls behind the topics, and the order stays first come, first served: before,
     * such an entry waited in the ledger for its lease (60 s) to run out and the safety-net round to take it.
     */
    @EventListener
    void on(EntryRecorded entry) {
        if (running && queued() >= settings.maxQueued()) {
            String key = entry.key();
            Long version = entry.entry().version();
            executor.execute(() -> {
                try {
                    if (running) {
                        claims.claimRecordedVersion(key, version, settings.lease()).ifPresent(this::deliver);
                    }
                } catch (RuntimeException e) {
                    log.warn("Delivery of {} failed, the poll will retry: {}", key, SmtpFailures.summary(e));
                }
            });
            return;
        }
        if (running) {
            executor.execute(() -> {
                try {
                    if (running) {
                        claims.claimRecorded(entry, settings.lease()).ifPresent(this::deliver);
                    }
                } catch (RuntimeException e) {
                    log.warn("Delivery of {} failed, the poll will retry: {}", entry.key(), SmtpFailures.summary(e));
                }
            });
        }
    }

    /** Sends one entry just recorded (or due again), claimed by its key. */
    private void claimQuietly(String key) {
        try {
            if (running) {
                claims.claimDue(key, settings.lease()).ifPresent(this::deliver);
            }
        } catch (RuntimeException e) {
            log.warn("Delivery of {} failed, the poll will retry: {}", key, SmtpFailures.summary(e));
        }
    }

    /** Claims the entry by its key again when its back-off has passed. */
    private void retryAt(String key, java.time.Instant at) {
        long delay = Math.max(0, java.time.Duration.between(clock.instant(), at).toMillis()) + 5;
        executor.schedule(() -> claimQuietly(key), delay, TimeUnit.MILLISECONDS);
    }

    /** Asks for a round over every due entry (retries, leases run out) soon. */
    void wakeUp() {
        if (running) {
            executor.execute(this::roundQuietly);
        }
    }

    @Override
    public void start() {
        running = true;
        long poll = settings.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::roundQuietly, 0, poll, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void roundQuietly() {
        try {
            round();
        } catch (RuntimeException e) {
            log.warn("Delivery round failed, will retry: {}", SmtpFailures.summary(e));
        }
    }

    /**
     * Claims and sends up to a batch of due entries: one query finds their keys, each is then claimed by its key.
     * Skipped while this instance has more than a batch of its own work queued: those entries are sent anyway,
     * and a scan of the ledger per round is what a backlog can least afford (the next poll comes soon enough for
     * the entries of a crashed instance).
     */
    void round() {
        if (queued() > settings.batchSize()) {
            return;
        }
        List<String> due = claims.dueKeys(settings.batchSize());
        for (String key : due) {
            if (!running) {
                return;
            }
            claims.claimDue(key, settings.lease()).ifPresent(this::deliver);
        }
        if (due.size() >= settings.batchSize()) {
            executor.execute(this::roundQuietly); // a full batch: there may be more
        }
    }

    /** Tasks waiting for a delivery thread (recorded entries, retries due, rounds). */
    private int queued() {
        return executor instanceof java.util.concurrent.ThreadPoolExecutor pool ? pool.getQueue().size() : 0;
    }

    /**
     * One SMTP attempt. A partial rejection counts as delivered (to the recipients the server accepted) and the ledger
     * deals with each refused recipient on its own; the log names the entry, its template, the attempt and the
     * failure's exception classes and reply codes, never an address or the server's text.
     */
    private void deliver(NotificationEntry entry) {
        List<RefusedRecipient> refused;
        try {
            refused = transport.send(entry);
        } catch (RuntimeException e) {
            claims.attemptFailed(entry, describe(e), SmtpFailures.summary(e), SmtpFailures.isPermanent(e))
                    .ifPresent(retryAt -> retryAt(entry.id(), retryAt));
            return;
        }
        long accepted = System.nanoTime();
        List<DeliveryClaims.Due> later = claims.sent(entry, clock.instant(), refused);
        metrics.crashWindow().record(System.nanoTime() - accepted, TimeUnit.NANOSECONDS);
        if (refused.isEmpty()) {
            log.info("Notification {} ({}) for request {} sent, Message-ID {}", entry.id(), entry.template().tag(),
                    entry.requestId(), entry.messageId());
        } else {
            log.info("Notification {} ({}) for request {} sent on attempt {} to all but {} recipient(s) the SMTP server "
                            + "refused (replies {}), Message-ID {}", entry.id(), entry.template().tag(),
                    entry.requestId(), entry.attempts(), refused.size(),
                    refused.stream().map(r -> String.valueOf(r.replyCode())).toList(), entry.messageId());
        }
        later.forEach(due -> retryAt(due.key(), due.at()));
    }

    private static String describe(Throwable e) {
        StringBuilder out = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            out.append(": ").append(e.getMessage().replaceAll("[\\r\\n]+", " "));
        }
        Throwable cause = e.getCause();
        if (cause != null && cause != e && cause.getMessage() != null) {
            out.append(" (").append(cause.getMessage().replaceAll("[\\r\\n]+", " ")).append(')');
        }
        return out.length() > 500 ? out.substring(0, 500) : out.toString();
    }
}
