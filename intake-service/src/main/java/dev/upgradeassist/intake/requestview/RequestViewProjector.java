package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.intake.infrastructure.IntakeMetrics;
import dev.upgradeassist.intake.request.UpgradeRequest;
import dev.upgradeassist.platform.messaging.PoisonEventException;
import dev.upgradeassist.platform.outbox.AggregateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Applies each consumed event to its request's read model exactly once. */
@Service
public class RequestViewProjector {

    private static final Logger log = LoggerFactory.getLogger(RequestViewProjector.class);

    private final AggregateStore store;
    private final IntakeMetrics metrics;

    RequestViewProjector(AggregateStore store, IntakeMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /**
     * @return true when the event changed the view now, false for a redelivery or replay
     */
    boolean project(DomainEvent event) {
        requireIdentity(event);
        AtomicReference<List<RequestView.StageSample>> samples = new AtomicReference<>(List.of());
        UpgradeRequest.Sla sla = slaOf(event.requestId());
        java.util.function.Consumer<RequestView> change = view -> {
            view.apply(event);
            view.clocks(sla);
            samples.set(view.takeStageSamples());
        };
        // RequestReceived nearly always creates the view: insert first, no read
        boolean applied = event instanceof RequestReceived
                ? store.applyToNew(RequestView.class, event.requestId(), () -> new RequestView(event.requestId()), event, change)
                : store.apply(RequestView.class, event.requestId(), () -> new RequestView(event.requestId()), event, change);
        if (applied) {
            // recorded only after the write that completed the stage succeeded, so never twice
            samples.get().forEach(sample -> metrics.stage(sample.stage(), sample.duration()));
        } else {
            log.debug("{} {} for request {} was applied before", event.getClass().getSimpleName(), event.eventId(),
                    event.requestId());
        }
        return applied;
    }

    /**
     * Applies an event to a view being rebuilt in {@code collection}: once per event id, and with no
     * metric recorded (the live view recorded it when it happened).
     *
     * @return true when the event changed the rebuilt view
     */
    public boolean rebuildInto(String collection, DomainEvent event) {
        if (isBlank(event.eventId()) || isBlank(event.requestId()) || event.occurredAt() == null) {
            return false;
        }
        UpgradeRequest.Sla sla = slaOf(event.requestId());
        return store.apply(collection, RequestView.class, event.requestId(), () -> new RequestView(event.requestId()),
                event, view -> {
                    view.apply(event);
                    view.clocks(sla);
                    view.takeStageSamples();
                });
    }

    /**
     * The request's SLA as its aggregate has it now: read before the view's write, after the aggregate's (its own
     * commands and clocks wrote it before publishing; review's and scheduling's decisions are learned before they are
     * projected).
     */
    private UpgradeRequest.Sla slaOf(String requestId) {
        return store.find(UpgradeRequest.class, requestId).map(UpgradeRequest::sla).orElse(null);
    }

    public String liveCollection() {
        return RequestView.COLLECTION;
    }

    public Class<?> viewType() {
        return RequestView.class;
    }

    private static void requireIdentity(DomainEvent event) {
        if (isBlank(event.eventId()) || isBlank(event.requestId()) || event.occurredAt() == null) {
            throw new PoisonEventException(event.getClass().getSimpleName()
                    + " without eventId, requestId or occurredAt can never be applied");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
