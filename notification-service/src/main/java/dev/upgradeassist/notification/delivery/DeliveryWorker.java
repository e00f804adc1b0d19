package dev.upgradeassist.notification.delivery;

import dev.upgradeassist.notification.infrastructure.NotificationProperties;
import dev.upgradeassist.notification.ledger.NotificationEntry;
import dev.upgradeassist.notification.ledger.NotificationLedger;
import dev.upgradeassist.notification.ledger.NotificationMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends what the ledger holds, on its own thread, never on a Kafka listener's: woken by every new
 * entry and polling as a fallback. Each claimed entry gets one SMTP attempt (bounded by the
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

    private final NotificationLedger ledger;
    private final MailTransport transport;
    private final NotificationMetrics metrics;
    private final NotificationProperties.Delivery settings;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    /** Entries recorded since the last round: claimed by key, without scanning the ledger. */
    private final java.util.concurrent.ConcurrentLinkedQueue<String> recorded = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean running;

    DeliveryWorker(NotificationLedger ledger, MailTransport transport, NotificationMetrics metrics,
                   NotificationProperties properties, Clock clock) {
        this.ledger = ledger;
        this.transport = transport;
        this.metrics = metrics;
        this.settings = properties.delivery();
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "notification-delivery");
            thread.setDaemon(true);
            return thread;
        });
    }

    @EventListener
    void on(NotificationLedger.EntryRecorded entry) {
        recorded.add(entry.key());
        if (running && wakeUpPending.compareAndSet(false, true)) {
            executor.execute(this::recordedQuietly);
        }
    }

    /** Sends the entries just recorded, each claimed by its key. */
    private void recordedQuietly() {
        wakeUpPending.set(false);
        try {
            for (String key; running && (key = recorded.poll()) != null; ) {
                ledger.claim(key, settings.lease()).ifPresent(this::deliver);
            }
        } catch (RuntimeException e) {
            log.warn("Delivery round failed, the poll will retry: {}", e.toString());
        }
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
        executor.scheduleWithFixedDelay(this::roundQuietly, poll, poll, TimeUnit.MILLISECONDS);
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
            log.warn("Delivery round failed, will retry: {}", e.toString());
        }
    }

    /** Claims and sends up to a batch of due entries. */
    void round() {
        for (int i = 0; i < settings.batchSize() && running; i++) {
            Optional<NotificationEntry> claimed = ledger.claimNext(settings.lease());
            if (claimed.isEmpty()) {
                return;
            }
            deliver(claimed.get());
        }
        executor.execute(this::roundQuietly); // a full batch: there may be more
    }

    private void deliver(NotificationEntry entry) {
        try {
            transport.send(entry);
        } catch (RuntimeException e) {
            ledger.attemptFailed(entry, describe(e), MailTransport.isPermanent(e));
            return;
        }
        long accepted = System.nanoTime();
        ledger.sent(entry, clock.instant());
        metrics.crashWindow().record(System.nanoTime() - accepted, TimeUnit.NANOSECONDS);
        log.info("Notification {} ({}) for request {} sent, Message-ID {}", entry.getId(), entry.getTemplate().tag(),
                entry.getRequestId(), entry.getMessageId());
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
