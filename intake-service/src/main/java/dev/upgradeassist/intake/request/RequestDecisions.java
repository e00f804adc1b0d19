package dev.upgradeassist.intake.request;

import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.platform.messaging.PolledBatchReads;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.Outcome;
import dev.upgradeassist.platform.outbox.Target;
import org.springframework.beans.factory.ObjectProvider;
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
    /** The requests a poll of the decisions' topics read ahead (none when that is switched off). */
    private final PolledBatchReads batchReads;

    RequestDecisions(AggregateStore store, ClockPolicy clocks, ObjectProvider<PolledBatchReads> batchReads) {
        this.store = store;
        this.clocks = clocks;
        this.batchReads = batchReads.getIfAvailable(PolledBatchReads::none);
    }

    /**
     * @return the request as this left it (learned now, or as read when it had learned the event before), so that the
     * view which follows need not read it again; {@link Learned#NOT_READ} when there was nothing to learn
     */
    public Learned learn(DomainEvent event) {
        if (!UpgradeRequest.learnsFrom(event)
                || event.requestId() == null || event.eventId() == null || event.occurredAt() == null) {
            return Learned.NOT_READ; // nothing to learn, or poison that the projection which follows refuses
        }
        Target<UpgradeRequest> target = Target.existing(UpgradeRequest.class, event.requestId()).causedBy(event);
        // the decision's fields only: the submission, the organization and the comments stay as stored
        Outcome<UpgradeRequest, Boolean> outcome = batchReads.applyToFields(store, target, request -> {
            request.learn(event, clocks);
            return true;
        }, written -> true, UpgradeRequest.LEARNED_FIELDS);
        return outcome.aggregateIfFound().map(request -> new Learned(true, request.sla(), request.version()))
                .orElse(Learned.ABSENT);
    }

    /**
     * What {@link #learn} saw of the request.
     *
     * @param read whether the request was read (or looked for: a request intake does not have is read as absent)
     * @param sla     the request's SLA after learning; null when it is absent
     * @param version the version of the request's document after learning (null when it is absent)
     */
    public record Learned(boolean read, UpgradeRequest.Sla sla, Long version) {

        /** Nothing was learned, so nothing was read. */
        public static final Learned NOT_READ = new Learned(false, null, null);
        /** Looked for, and intake has no such request. */
        static final Learned ABSENT = new Learned(true, null, null);
    }
}
