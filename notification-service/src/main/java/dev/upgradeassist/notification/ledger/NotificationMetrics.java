package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.notification.templates.Template;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * {@code upgrade_assist.notifications{template,outcome}} (Prometheus {@code upgrade_assist_notifications_total}),
 * the stage histogram {@code upgrade_assist.request.stage{stage=submitted_to_first_email}} and the crash-window
 * timer {@code upgrade_assist.notification.crash_window}.
 */
@Component
public class NotificationMetrics {

    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    public static final String DUPLICATE_SKIPPED = "duplicate_skipped";

    private final MeterRegistry registry;
    private final Timer firstEmailStage;
    private final Timer crashWindow;

    public NotificationMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.firstEmailStage = Timer.builder("upgrade_assist.request.stage")
                .tag("stage", "submitted_to_first_email")
                .description("Time between two milestones of an upgrade request")
                .publishPercentileHistogram()
                .register(registry);
        this.crashWindow = Timer.builder("upgrade_assist.notification.crash_window")
                .description("Time between SMTP accepting an email and the ledger recording it SENT; "
                        + "a crash inside this window resends the email once, with the same Message-ID")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        for (Template template : Template.values()) {
            for (String outcome : new String[]{SENT, FAILED, DUPLICATE_SKIPPED}) {
                counter(template, outcome);
            }
        }
    }

    public void outcome(Template template, String outcome) {
        counter(template, outcome).increment();
    }

    public double count(Template template, String outcome) {
        return counter(template, outcome).count();
    }

    void firstEmail(Duration sinceSubmitted) {
        firstEmailStage.record(sinceSubmitted.isNegative() ? Duration.ZERO : sinceSubmitted);
    }

    public Timer crashWindow() {
        return crashWindow;
    }

    private Counter counter(Template template, String outcome) {
        return Counter.builder("upgrade_assist.notifications")
                .tag("template", template.tag())
                .tag("outcome", outcome)
                .description("Emails sent, given up on, or skipped as already handled")
                .register(registry);
    }
}
