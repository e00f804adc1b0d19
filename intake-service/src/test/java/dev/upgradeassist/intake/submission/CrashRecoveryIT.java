package dev.upgradeassist.intake.submission;

import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.Person;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.intake.request.UpgradeRequest;
import dev.upgradeassist.intake.support.IntakeApiSupport;
import dev.upgradeassist.intake.support.IntakeClient;
import dev.upgradeassist.intake.support.Submissions;
import dev.upgradeassist.platform.messaging.EventCodec;
import dev.upgradeassist.platform.outbox.OutboxMessage;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service's crash windows: after the request was written but before its event was published,
 * after the event was published but before it left the outbox, and after an idempotency key was
 * claimed but before the request was written.
 */
@IntegrationTest
class CrashRecoveryIT extends IntakeApiSupport {

    @Autowired
    Clock clock;

    @Autowired
    EventCodec codec;

    @Autowired
    dev.upgradeassist.platform.outbox.OutboxRelay relay;

    @Autowired
    JsonMapper jsonMapper;

    @Test
    void a_request_written_just_before_a_crash_is_published_by_the_relay_afterwards() {
        String id = UUID.randomUUID().toString();
        UpgradeRequest request = UpgradeRequest.receive(id, "UA-" + id.substring(0, 6).toUpperCase(), submission(),
                acme(), dev.upgradeassist.intake.request.ClockPolicy.DEFAULTS, clock);

        mongo.insert(request); // the write happened; nobody woke the relay (the process "died")
        restartRelay();

        await().atMost(WAIT).until(() -> intakeEvents(id, "RequestReceived.v1").size() == 1);
        await().atMost(WAIT).until(() -> outboxOf(id).isEmpty());
        awaitTimeline(id, 1);
        assertThat(intakeEvents(id, "RequestReceived.v1")).hasSize(1);
    }

    @Test
    void an_event_published_again_after_a_crash_is_applied_once() {
        String id = UUID.randomUUID().toString();
        UpgradeRequest request = UpgradeRequest.receive(id, "UA-" + id.substring(0, 6).toUpperCase(), submission(),
                acme(), dev.upgradeassist.intake.request.ClockPolicy.DEFAULTS, clock);
        OutboxMessage pending = request.pendingEvents().get(0);
        DomainEvent event = codec.fromJson(pending.typeId(), pending.payload());
        TestKafka.publish(event, "/upgrade-assist/intake-service"); // sent, then the crash before the removal

        mongo.insert(request); // still pending in the outbox: the relay sends it a second time
        restartRelay();

        await().atMost(WAIT).until(() -> TestKafka.readAll(Topics.INTAKE, id).size() == 2);
        assertThat(TestKafka.readAll(Topics.INTAKE, id)).extracting(TestKafka.Received::eventId)
                .containsOnly(event.eventId());
        await().atMost(WAIT).until(() -> outboxOf(id).isEmpty());
        var view = awaitTimeline(id, 1);
        // both records processed: the second delivery of the same event id has been seen, and changed nothing
        TestKafka.awaitConsumed("intake-service", Topics.INTAKE, id, WAIT);
        assertThat(view(id).json().get("timeline").size()).isEqualTo(1);
        assertThat(view.get("status").asString()).isEqualTo("SUBMITTED");
    }

    @Test
    void a_key_claimed_just_before_a_crash_is_completed_by_the_retry() {
        String key = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();
        String body = Submissions.complete(marker).toString();
        UpgradeSubmission submission = jsonMapper.readValue(body, SubmissionBody.class).toSubmission();
        String claimedId = UUID.randomUUID().toString();
        mongo.insert(new IdempotencyRecord(key, claimedId, "UA-" + claimedId.substring(0, 6).toUpperCase(),
                SubmissionService.hash(submission), Instant.now()));

        IntakeClient.Response retry = submit(Submissions.complete(marker), "Idempotency-Key", key);

        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.json().get("id").asString()).isEqualTo(claimedId);
        assertThat(awaitIntakeEvents(claimedId, "RequestReceived.v1", 1)).hasSize(1);
        assertThat(submit(Submissions.complete(marker), "Idempotency-Key", key).json().get("id").asString())
                .isEqualTo(claimedId);
    }

    /**
     * The process comes back: a started relay scans the outboxes at once (its quiet safety-net scan every 30 s
     * would make these tests wait as long as their own timeout).
     */
    private void restartRelay() {
        relay.stop();
        relay.start();
    }

    private List<?> outboxOf(String id) {
        return mongo.findById(id, org.bson.Document.class, "upgrade_requests").getList("outbox", Object.class);
    }

    private static UpgradeSubmission submission() {
        return new UpgradeSubmission(dev.upgradeassist.contracts.model.Form.STANDARD, "acme",
                new Person("Dana Ops", "dana@acme.example"), null, null, "15.11.13", "17.3.7", null, null, null, null,
                null, null, null, null, null, "crash test");
    }

    private static Organization acme() {
        return new Organization("acme", "Acme", true, new Person("Terry Mills", "tam@gitlab.example"));
    }
}
