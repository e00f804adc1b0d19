package dev.upgradeassist.scheduling.messaging;

import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.scheduling.SchedulingITSupport;
import dev.upgradeassist.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Both listeners: success, the same event twice = one effect, a poison record goes to the DLT and the next flows. */
class ListenersIT extends SchedulingITSupport {

    @Test
    void review_listener_applies_the_same_approval_once() {
        String requestId = newRequestId();
        PlanApproved approval = approval(requestId, 1, false, upgradeInTenDays());

        TestKafka.publish(approval);
        TestKafka.publish(approval);
        TestKafka.publish(decline(requestId, 1));   // a later record: once it shows, both copies were handled

        await().atMost(WAIT).until(() -> "DECLINED".equals(stage(requestId)));
        awaitOutboxDrained(requestId); // the stage is written before the relay publishes what the write raised
        assertThat(scheduling(requestId, "TicketOnHold")).hasSize(1);
    }

    @Test
    void review_listener_sends_a_poison_record_to_the_dlt_and_the_next_record_still_flows() {
        String requestId = newRequestId();   // same key, same partition: the poison is right in front of the next record

        TestKafka.publishRaw(Topics.REVIEW, requestId, "PlanApproved.v1", "{not json".getBytes(StandardCharsets.UTF_8));
        TestKafka.publish(approval(requestId, 1, true, upgradeInTenDays()));

        await().atMost(WAIT).until(() -> !TestKafka.readAll(Topics.deadLetter(Topics.REVIEW), requestId).isEmpty());
        awaitOne(requestId, "BookingLinkIssued");
        var dead = TestKafka.readAll(Topics.deadLetter(Topics.REVIEW), requestId).get(0);
        assertThat(dead.valueAsString()).isEqualTo("{not json");
    }

    @Test
    void intake_listener_applies_the_same_outcome_once() {
        String requestId = newRequestId();
        TestKafka.publish(approval(requestId, 1, false, clock.instant().minus(Duration.ofMinutes(5))));
        awaitOne(requestId, "TicketOnHold");
        UpgradeOutcomeReported problems = outcome(requestId, OutcomeResult.PROBLEMS);

        TestKafka.publish(problems);
        TestKafka.publish(problems);
        TestKafka.publish(outcome(requestId, OutcomeResult.SUCCEEDED));

        awaitOne(requestId, "RequestCompleted");
        assertThat(scheduling(requestId, "RollbackAdvised")).hasSize(1);
    }

    @Test
    void intake_listener_applies_the_same_assignment_once_and_skips_types_it_does_not_handle() {
        String requestId = newRequestId();
        EngineerAssigned assigned = assignment(requestId, "chandra");

        EngineerAssigned marker = assignment(requestId, "chandra"); // a later record on the same partition
        TestKafka.publish(assigned);
        TestKafka.publish(assigned);
        TestKafka.publishRaw(Topics.INTAKE, requestId, "SomethingNew.v7", "{}".getBytes(StandardCharsets.UTF_8));
        TestKafka.publish(marker);
        // the topics are not ordered with each other: the approval goes out only once the intake records were handled
        await().atMost(WAIT).until(() -> {
            var doc = rawDocument(requestId);
            return doc != null && doc.getList("appliedEventIds", String.class, java.util.List.of())
                    .contains(marker.eventId());
        });
        TestKafka.publish(approval(requestId, 1, true, upgradeInTenDays()));

        assertThat(awaitOne(requestId, "BookingLinkIssued").as(dev.upgradeassist.contracts.BookingLinkIssued.class)
                .engineer()).isEqualTo("chandra");
        assertThat(rawDocument(requestId).getList("appliedEventIds", String.class)).containsOnlyOnce(assigned.eventId());
        assertThat(TestKafka.readAll(Topics.deadLetter(Topics.INTAKE), requestId)).isEmpty();
    }

    @Test
    void intake_listener_sends_a_poison_record_to_the_dlt_and_the_next_record_still_flows() {
        String requestId = newRequestId();
        TestKafka.publish(approval(requestId, 1, false, clock.instant().minus(Duration.ofMinutes(5))));
        awaitOne(requestId, "TicketOnHold");

        TestKafka.publishRaw(Topics.INTAKE, requestId, "UpgradeOutcomeReported.v1",
                "\"just a string\"".getBytes(StandardCharsets.UTF_8));
        TestKafka.publish(outcome(requestId, OutcomeResult.SUCCEEDED));

        await().atMost(WAIT).until(() -> !TestKafka.readAll(Topics.deadLetter(Topics.INTAKE), requestId).isEmpty());
        awaitOne(requestId, "RequestCompleted");
    }

    private String stage(String requestId) {
        var doc = rawDocument(requestId);
        return doc == null ? null : doc.getString("stage");
    }
}
