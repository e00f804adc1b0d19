package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.intake.infrastructure.IntakeMetrics;
import dev.upgradeassist.intake.request.RequestClockFields;
import dev.upgradeassist.intake.request.RequestDecisions;
import dev.upgradeassist.intake.request.UpgradeRequest;
import dev.upgradeassist.platform.links.CustomerPageTokens;
import dev.upgradeassist.platform.messaging.PoisonEventException;
import dev.upgradeassist.platform.messaging.PolledBatchReads;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.Outcome;
import dev.upgradeassist.platform.outbox.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import java.util.List;

/** Applies each consumed event to its request's read model exactly once. */
@Service
public class RequestRecordProjector {

    private static final Logger log = LoggerFactory.getLogger(RequestRecordProjector.class);

    private final AggregateStore store;
    private final MongoTemplate mongo;
    private final IntakeMetrics metrics;
    private final CustomerPageTokens tokens;
    /** The views a poll of the decisions' topics read ahead (none when that is switched off). */
    private final PolledBatchReads batchReads;

    /**
     * @param tokens derives the customer's request page token, of which the record keeps the hash; taken here (a
     *               singleton made at start-up) so that intake refuses to start without
     *               {@code upgrade-assist.platform.customer-page.secret}
     */
    RequestRecordProjector(AggregateStore store, MongoTemplate mongo, IntakeMetrics metrics, CustomerPageTokens tokens,
                           ObjectProvider<PolledBatchReads> batchReads) {
        this.store = store;
        this.mongo = mongo;
        this.metrics = metrics;
        this.tokens = tokens;
        this.batchReads = batchReads.getIfAvailable(PolledBatchReads::none);
    }

    /**
     * @return true when the event changed the view now, false for a redelivery or replay
     */
    boolean project(DomainEvent event) {
        return project(event, RequestDecisions.Learned.NOT_READ);
    }

    /**
     * As {@link #project(DomainEvent)}, after {@link RequestDecisions#learn}: the SLA is the one the request had when
     * it learned the event, so the request is not read a second time.
     */
    boolean project(DomainEvent event, RequestDecisions.Learned learned) {
        requireIdentity(event);
        RequestClockFields clocks = learned.read() ? null
                : RequestClockFields.read(mongo, event.requestId(), batchReads).orElse(null);
        UpgradeRequest.Sla sla = learned.read() ? learned.sla() : clocks == null ? null : clocks.sla();
        Long version = learned.read() ? learned.version() : clocks == null ? null : clocks.version();
        String tokenHash = tokens.hashFor(event.requestId());
        // RequestReceived nearly always creates the record: insert first, no read
        Target.Creation creation = event instanceof RequestReceived
                ? Target.Creation.INSERT_FIRST : Target.Creation.READ_FIRST;
        Target<RequestRecord> target = Target.orCreate(RequestRecord.class, event.requestId(),
                () -> new RequestRecord(event.requestId()), creation).causedBy(event);
        Outcome<RequestRecord, List<RequestRecord.StageSample>> outcome = batchReads.apply(store, target,
                record -> {
                    record.apply(event);
                    record.clocks(sla, version);
                    record.customerTokenHash(tokenHash);
                    return record.takeStageSamples();
                });
        if (outcome.written()) {
            // recorded only after the write that completed the stage succeeded, so never twice
            outcome.result().forEach(sample -> metrics.stage(sample.stage(), sample.duration()));
        } else {
            log.debug("{} {} for request {} was applied before", event.getClass().getSimpleName(), event.eventId(),
                    event.requestId());
        }
        return outcome.written();
    }

    /**
     * Applies an event to a record being rebuilt in {@code collection}: once per event id, and with no
     * metric recorded (the live record recorded it when it happened).
     *
     * @return true when the event changed the rebuilt record
     */
    public boolean rebuildInto(String collection, DomainEvent event) {
        if (isBlank(event.eventId()) || isBlank(event.requestId()) || event.occurredAt() == null) {
            return false;
        }
        RequestClockFields clocks = RequestClockFields.read(mongo, event.requestId()).orElse(null);
        String tokenHash = tokens.hashFor(event.requestId());
        return store.apply(Target.orCreate(RequestRecord.class, event.requestId(),
                        () -> new RequestRecord(event.requestId()), Target.Creation.READ_FIRST)
                .causedBy(event).inCollection(collection), record -> {
                    record.apply(event);
                    record.clocks(clocks == null ? null : clocks.sla(), clocks == null ? null : clocks.version());
                    record.customerTokenHash(tokenHash);
                    return record.takeStageSamples();
                }).written();
    }

    public String liveCollection() {
        return RequestRecord.COLLECTION;
    }

    public Class<?> viewType() {
        return RequestRecord.class;
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
