package dev.upgradeassist.intake.request;

import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.Target;
import org.springframework.stereotype.Service;

/**
 * Teaches intake's own request the decisions that review and scheduling publish about it (once per event id), before
 * the request view shows them: whatever the view shows, the commands already know. An event about a request intake
 * does not have changes nothing.
 */
@Service
public class RequestDecisions {

    private final AggregateStore store;
    private final ClockPolicy clocks;

    RequestDecisions(AggregateStore store, ClockPolicy clocks) {
        this.store = store;
        this.clocks = clocks;
    }

    public void learn(DomainEvent event) {
        if (!UpgradeRequest.learnsFrom(event)
                || event.requestId() == null || event.eventId() == null || event.occurredAt() == null) {
            return; // nothing to learn, or poison that the projection which follows refuses
        }
        store.apply(Target.existing(UpgradeRequest.class, event.requestId()).causedBy(event), request -> {
            request.learn(event, clocks);
            return true;
        });
    }
}
