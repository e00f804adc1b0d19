package dev.upgradeassist.scheduling.infrastructure;

import dev.upgradeassist.scheduling.request.ScheduleEffects;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * scheduling-service's business meters: {@code upgrade_assist.booking.links{event}} (issued, reissued, booked, expired, rejected,
 * rescheduled, cancelled) and the
 * {@code approved_to_on_hold} stage of {@code upgrade_assist.request.stage}.
 */
@Component
public class SchedulingMetrics {

    private final Counter issued;
    private final Counter booked;
    private final Counter expired;
    private final Counter rejected;
    private final Counter reissued;
    private final Counter rescheduled;
    private final Counter cancelled;
    private final Timer approvedToOnHold;

    public SchedulingMetrics(MeterRegistry registry) {
        issued = links(registry, "issued");
        booked = links(registry, "booked");
        expired = links(registry, "expired");
        rejected = links(registry, "rejected");
        reissued = links(registry, "reissued");
        rescheduled = links(registry, "rescheduled");
        cancelled = links(registry, "cancelled");
        approvedToOnHold = Timer.builder("upgrade_assist.request.stage").tag("stage", "approved_to_on_hold")
                .description("Time a request spends in each stage").register(registry);
    }

    private static Counter links(MeterRegistry registry, String event) {
        return Counter.builder("upgrade_assist.booking.links").tag("event", event)
                .description("Booking links issued (on approval), reissued (by an engineer), booked, expired (run out or revoked), "
                        + "redemptions rejected, and booked calls rescheduled and cancelled")
                .register(registry);
    }

    /** Counts what an applied change did. */
    public void record(ScheduleEffects effects) {
        if (effects == null) {
            return;
        }
        issued.increment(effects.linksIssued());
        expired.increment(effects.linksClosed());
        cancelled.increment(effects.callsCancelled());
        if (effects.approvedToOnHold() != null && !effects.approvedToOnHold().isNegative()) {
            approvedToOnHold.record(effects.approvedToOnHold());
        }
    }

    public void booked() {
        booked.increment();
    }

    public void reissued() {
        reissued.increment();
    }

    public void rescheduled() {
        rescheduled.increment();
    }

    public void rejected() {
        rejected.increment();
    }
}
