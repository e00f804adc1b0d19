package dev.upgradeassist.scheduling.hold;

import dev.upgradeassist.scheduling.request.Stage;
import dev.upgradeassist.scheduling.request.RequestSchedule;
import dev.upgradeassist.scheduling.request.RequestSchedules;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * {@code upgrade_assist.tickets.on_hold}: how many requests wait on hold for their outcome. Counted in MongoDB (so
 * every instance reports the same number), cached, and recounted after every change to a hold and on a schedule.
 */
@Component
public class OnHoldGauge {

    private static final Logger log = LoggerFactory.getLogger(OnHoldGauge.class);

    private final RequestSchedules requests;
    private final AtomicLong onHold = new AtomicLong();

    public OnHoldGauge(RequestSchedules requests, MeterRegistry registry) {
        this.requests = requests;
        Gauge.builder("upgrade_assist.tickets.on_hold", onHold, AtomicLong::get)
                .description("Requests on hold until the customer reports the upgrade's outcome").register(registry);
    }

    /**
     * What a command returned, with the request's stage before and after it (of the attempt that was written).
     *
     * @param result the command's own result
     */
    public record Tracked<R>(Stage before, Stage after, R result) {
    }

    /** Wraps a command to a request so that it returns its result with the request's stage before and after. */
    public static <R> Function<RequestSchedule, Tracked<R>> tracking(Function<? super RequestSchedule, ? extends R> command) {
        return request -> {
            Stage before = request.stage();
            R result = command.apply(request);
            return new Tracked<>(before, request.stage(), result);
        };
    }

    /**
     * A change was saved: the gauge follows it at once, by one. Counting the collection on every change
     * read every document of it on the embedded MongoDB-protocol server; the scheduled recount keeps the
     * gauge true (changes made by other instances, a change racing a recount).
     */
    public void moved(Tracked<?> move) {
        boolean was = move.before() == Stage.ON_HOLD;
        boolean is = move.after() == Stage.ON_HOLD;
        if (!was && is) {
            onHold.incrementAndGet();
        } else if (was && !is) {
            onHold.updateAndGet(n -> Math.max(0, n - 1));
        }
    }

    @Scheduled(fixedDelayString = "${upgrade-assist.scheduling.hold-gauge-refresh:30s}", initialDelay = 0)
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
