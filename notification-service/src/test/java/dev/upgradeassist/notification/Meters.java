package dev.upgradeassist.notification;

import dev.upgradeassist.notification.templates.Template;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Arrays;

/** Reads the service's business meters in tests. */
public final class Meters {

    private Meters() {
    }

    public static double notifications(MeterRegistry registry, String outcome, Template... templates) {
        return Arrays.stream(templates).mapToDouble(t -> {
            Counter counter = registry.find("upgrade_assist.notifications").tag("template", t.tag())
                    .tag("outcome", outcome).counter();
            return counter == null ? 0 : counter.count();
        }).sum();
    }

    /** {@code upgrade_assist.events.duplicates{service=notification-service}}: records delivered again and ignored. */
    public static double duplicates(MeterRegistry registry) {
        Counter counter = registry.find("upgrade_assist.events.duplicates").tag("service", "notification-service").counter();
        return counter == null ? 0 : counter.count();
    }

    public static long firstEmailStageCount(MeterRegistry registry) {
        Timer timer = registry.find("upgrade_assist.request.stage").tag("stage", "submitted_to_first_email").timer();
        return timer == null ? 0 : timer.count();
    }

    public static long crashWindowCount(MeterRegistry registry) {
        Timer timer = registry.find("upgrade_assist.notification.crash_window").timer();
        return timer == null ? 0 : timer.count();
    }
}
