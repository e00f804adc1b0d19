package dev.upgradeassist.intake.infrastructure;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * The business meters of intake-service: {@code upgrade_assist_requests_received_total{form,region}},
 * {@code upgrade_assist_comments_total{visibility=public|internal,author=engineer|customer}}, the stage histogram
 * {@code upgrade_assist_request_stage_seconds{stage}}, and the clocks' {@code upgrade_assist_sla_breaches_total{kind}},
 * {@code upgrade_assist_reminders_total{kind}}, {@code upgrade_assist_requests_closed_total{reason}}.
 */
@Component
public class IntakeMetrics {

    public static final String SUBMITTED_TO_REVIEWED = "submitted_to_reviewed";
    public static final String APPROVED_TO_ON_HOLD = "approved_to_on_hold";

    private final MeterRegistry registry;

    public IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
        stageTimer(SUBMITTED_TO_REVIEWED);
        stageTimer(APPROVED_TO_ON_HOLD);
        // the four series exist from the start (at 0), so rates and dashboards need no first comment
        for (boolean internal : new boolean[]{false, true}) {
            for (boolean engineer : new boolean[]{false, true}) {
                commentCounter(internal, engineer);
            }
        }
        // the clocks' series exist from the start too, so the alert rules see 0, not nothing
        for (String kind : new String[]{"first_response", "next_response"}) {
            breachCounter(kind);
        }
        for (String kind : new String[]{"pending", "on_hold", "call"}) {
            reminderCounter(kind);
        }
        for (String reason : new String[]{"no_response", "engineer_closed"}) {
            closedCounter(reason);
        }
    }

    /** {@code upgrade_assist_sla_breaches_total{kind=first_response|next_response}}: once per breached clock. */
    public void slaBreached(String kind) {
        breachCounter(kind).increment();
    }

    /** {@code upgrade_assist_reminders_total{kind=pending|on_hold|call}}: once per reminder raised. */
    public void reminder(String kind) {
        reminderCounter(kind).increment();
    }

    /** {@code upgrade_assist_requests_closed_total{reason=no_response|engineer_closed}}. */
    public void closed(String reason) {
        closedCounter(reason).increment();
    }

    private Counter breachCounter(String kind) {
        return Counter.builder("upgrade_assist.sla.breaches")
                .description("Response-time targets passed with no response from Support")
                .tag("kind", kind).register(registry);
    }

    private Counter reminderCounter(String kind) {
        return Counter.builder("upgrade_assist.reminders")
                .description("Reminders raised by the clocks (pending customer, on hold re-check, review call)")
                .tag("kind", kind).register(registry);
    }

    private Counter closedCounter(String reason) {
        return Counter.builder("upgrade_assist.requests.closed")
                .description("Requests closed without an outcome")
                .tag("reason", reason).register(registry);
    }

    /** A comment was recorded (not an idempotent retry); the tags are bounded: two values each. */
    public void commentAdded(boolean internal, boolean engineer) {
        commentCounter(internal, engineer).increment();
    }

    private Counter commentCounter(boolean internal, boolean engineer) {
        return Counter.builder("upgrade_assist.comments")
                .description("Comments recorded on requests, by visibility and by who wrote them")
                .tag("visibility", internal ? "internal" : "public")
                .tag("author", engineer ? "engineer" : "customer")
                .register(registry);
    }

    public void requestReceived(String form, String region) {
        Counter.builder("upgrade_assist.requests.received")
                .description("Upgrade-assistance requests received from the portal")
                .tag("form", tagValue(form)).tag("region", tagValue(region))
                .register(registry).increment();
    }

    public void stage(String stage, Duration duration) {
        stageTimer(stage).record(duration.isNegative() ? Duration.ZERO : duration);
    }

    private Timer stageTimer(String stage) {
        return Timer.builder("upgrade_assist.request.stage")
                .description("Time a request spends between two stages")
                .tag("stage", stage)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofDays(30))
                .register(registry);
    }

    private static String tagValue(String value) {
        return value == null ? "UNKNOWN" : value;
    }
}
