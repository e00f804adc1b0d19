package dev.upgradeassist.scheduling.hold;

import dev.upgradeassist.scheduling.request.UpgradeRequests;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code upgrade_assist.tickets.on_hold}: how many requests wait on hold for their outcome. Counted in MongoDB (so
 * every instance reports the same number), cached, and recounted after every change to a hold and on a schedule.
 */
@Component
public class OnHoldGauge {

    private static final Logger log = LoggerFactory.getLogger(OnHoldGauge.class);

    private final UpgradeRequests requests;
    private final AtomicLong onHold = new AtomicLong();

    public OnHoldGauge(UpgradeRequests requests, MeterRegistry registry) {
        this.requests = requests;
        Gauge.builder("upgrade_assist.tickets.on_hold", onHold, AtomicLong::get)
                .description("Requests on hold until the customer reports the upgrade's outcome").register(registry);
    }

    /** Recounts now; called after a change that may have put a request on hold or taken it off. */
    public void changed() {
        refresh();
    }

    @Scheduled(fixedDelayString = "${upgrade-assist.scheduling.hold-gauge-refresh:30s}",
            initialDelayString = "${upgrade-assist.scheduling.hold-gauge-refresh:30s}")
    void refresh() {
        try {
            onHold.set(requests.countOnHold());
        } catch (RuntimeException e) {
            log.warn("Could not count the requests on hold: {}", e.toString());
        }
    }

    public long current() {
        return onHold.get();
    }
}
