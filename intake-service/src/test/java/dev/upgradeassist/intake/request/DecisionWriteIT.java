package dev.upgradeassist.intake.request;

import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.ReviewCallCancelled;
import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.MaintenanceWindow;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.Person;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.intake.support.Events;
import dev.upgradeassist.platform.messaging.PolledBatchReads;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.Target;
import dev.upgradeassist.testsupport.IntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A learned decision writes only {@link UpgradeRequest#LEARNED_FIELDS}: after every kind of event a request learns,
 * the request it leaves stored is the one a whole write of the same learning leaves, so no field that learning changes
 * is missing from the list.
 */
@IntegrationTest
class DecisionWriteIT {

    private static final Organization ACME = new Organization("acme", "Acme", true,
            new Person("Terry Mills", "tam@gitlab.example"));

    @Autowired
    RequestDecisions decisions;

    @Autowired
    AggregateStore store;

    @Autowired
    ClockPolicy clocks;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    PolledBatchReads batchReads;

    @Test
    void every_learned_event_stores_what_a_whole_write_of_it_stores() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String byFields = received(t0);
        String whole = received(t0);
        String readAhead = received(t0);
        Instant callStart = t0.plus(Duration.ofDays(2));
        Instant movedStart = callStart.plus(Duration.ofHours(3));
        String callA = UUID.randomUUID().toString();
        String callB = UUID.randomUUID().toString();
        String callC = UUID.randomUUID().toString();
        // every event kind UpgradeRequest.learnsFrom, in an order a request can meet them
        Map<String, BiFunction<String, String, DomainEvent>> steps = new LinkedHashMap<>();
        steps.put("awaiting approval", (id, call) -> Events.awaitingApproval(id, 1, t0.plusSeconds(10)));
        steps.put("info missing", (id, call) -> Events.infoMissing(id, 1, t0.plusSeconds(20)));
        steps.put("changes requested", (id, call) -> Events.changesRequested(id, 1, "alice", "fix", t0.plusSeconds(30)));
        steps.put("approved", (id, call) -> Events.planApproved(id, 1, t0.plusSeconds(40)));
        steps.put("call booked", (id, call) -> Events.callBooked(id, "link-" + id, call, callStart, t0.plusSeconds(50)));
        steps.put("call rescheduled", (id, call) -> Events.callRescheduled(id, call, 1, callStart, movedStart,
                t0.plusSeconds(60)));
        steps.put("handed off", (id, call) -> Events.handedOff(id, "alice", "bob", t0.plusSeconds(70)));
        steps.put("on hold", (id, call) -> Events.onHold(id, "bob", t0.plusSeconds(80)));
        steps.put("link re-issued", (id, call) -> Events.linkReissued(id, "link2-" + id, "bob", t0.plusSeconds(90)));
        steps.put("call cancelled", (id, call) -> Events.callCancelled(id, call, 2, movedStart,
                ReviewCallCancelled.Reason.CUSTOMER_CANCELLED, "customer", t0.plusSeconds(100)));
        steps.put("on hold again", (id, call) -> Events.onHold(id, "bob", t0.plusSeconds(110)));
        steps.put("rollback advised", (id, call) -> Events.rollbackAdvised(id, t0.plusSeconds(120)));
        steps.put("declined for now", (id, call) -> Events.declined(id, 1, DeclineReason.POSTPONE_RECOMMENDED,
                t0.plusSeconds(130)));
        steps.put("completed", (id, call) -> Events.completed(id, t0.plusSeconds(140)));

        for (Map.Entry<String, BiFunction<String, String, DomainEvent>> step : steps.entrySet()) {
            DomainEvent forFields = step.getValue().apply(byFields, callA);
            DomainEvent forWhole = step.getValue().apply(whole, callB);
            assertThat(UpgradeRequest.learnsFrom(forFields)).as(step.getKey()).isTrue();

            decisions.learn(forFields);
            learnFromTheBatchsCopy(step.getValue().apply(readAhead, callC), step.getKey());
            store.apply(Target.existing(UpgradeRequest.class, whole).causedBy(forWhole), request -> {
                request.learn(forWhole, clocks);
                return true;
            });

            assertThat(stored(byFields).getList("appliedEventIds", String.class)).as(step.getKey() + ": written")
                    .contains(forFields.eventId());
            assertThat(comparable(byFields)).as(step.getKey()).isEqualTo(comparable(whole));
            assertThat(comparable(readAhead)).as(step.getKey() + ": from the batch's copy")
                    .isEqualTo(comparable(whole));
        }
        Document end = stored(byFields);
        assertThat(end.getString("closure")).isEqualTo("COMPLETED");
        assertThat(end.getString("assignee")).isEqualTo("bob");
        assertThat(end.get("submission", Document.class).getString("additionalInfo")).isEqualTo("plan");
        assertThat(end.getList("appliedEventIds", String.class)).hasSize(steps.size());
    }

    /**
     * As a decision's listener learns it: the poll of its batch read the request without what learning never looks at
     * ({@link UpgradeRequest#UNREAD_BY_LEARNING}), and learning starts from that copy, with no read of its own.
     */
    private void learnFromTheBatchsCopy(DomainEvent event, String step) {
        ConsumerRecord<Object, Object> record = new ConsumerRecord<>(Topics.REVIEW, 0, 0L, event.requestId(), "event");
        Map<TopicPartition, List<ConsumerRecord<Object, Object>>> batch = new HashMap<>();
        batch.put(new TopicPartition(Topics.REVIEW, 0), List.of(record));
        batchReads.polled(new ConsumerRecords<>(batch, Map.of()));
        UpgradeRequest copy = batchReads.take(UpgradeRequest.class, event.requestId());
        assertThat(copy).as(step + ": read ahead").isNotNull();
        assertThat(copy.submission.additionalInfo()).as(step + ": left out").isNull();
        assertThat(copy.organization).as(step + ": left out").isNull();
        assertThat(copy.form()).as(step + ": read").isEqualTo(Form.STANDARD);
        assertThat(copy.contact).as(step + ": read").isNotNull();
        assertThat(copy.writableAs(UpgradeRequest.LEARNED_FIELDS)).as(step + ": learning may start from it").isTrue();
        assertThat(copy.writableAs(null)).as(step + ": never written whole").isFalse();
        batchReads.keep(copy);

        decisions.learn(event);

        assertThat(batchReads.take(UpgradeRequest.class, event.requestId()).hasApplied(event.eventId()))
                .as(step + ": the batch keeps what learning wrote").isTrue();
    }

    private String received(Instant at) {
        String id = UUID.randomUUID().toString();
        UpgradeSubmission submission = new UpgradeSubmission(Form.STANDARD, "acme",
                new Person("Dana Ops", "dana@acme.example"), "admins@acme.example", null, null, null, null, null, null,
                null, null, new MaintenanceWindow("2026-12-12T22:00:00", "Europe/Berlin", 240), null, null, null,
                "plan");
        store.insert(UpgradeRequest.receive(id, "UA-" + id.substring(0, 6).toUpperCase(), submission, ACME, clocks,
                Clock.fixed(at, ZoneOffset.UTC)));
        return id;
    }

    private Document stored(String id) {
        return mongo.getCollection(mongo.getCollectionName(UpgradeRequest.class)).find(new Document("_id", id)).first();
    }

    /**
     * The stored request without what differs between the two by design: the id, the ticket (and the contact, which
     * names it), the ids of the events applied, the call's id; and without what the outbox relay changes on its own
     * time (it pulls published events out of the outbox and moves the version on).
     */
    private Document comparable(String id) {
        Document document = new Document(stored(id));
        for (String differs : List.of("_id", "ticketId", "contact", "appliedEventIds", "outbox", "version")) {
            document.remove(differs);
        }
        Document call = document.get("call", Document.class);
        if (call != null) {
            call.remove("callId");
        }
        document.put("appliedEventCount", stored(id).getList("appliedEventIds", String.class).size());
        return document;
    }
}
