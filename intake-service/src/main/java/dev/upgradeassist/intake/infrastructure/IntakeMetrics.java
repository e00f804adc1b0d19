package dev.upgradeassist.intake.infrastructure;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * The business meters of intake-service: {@code upgrade_assist_requests_received_total{form,region}},
 * {@code upgrade_assist_comments_total{visibility=public|internal,author=engineer|customer}} and the stage histogram
 * {@code upgrade_assist_request_stage_seconds{stage}}.
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
