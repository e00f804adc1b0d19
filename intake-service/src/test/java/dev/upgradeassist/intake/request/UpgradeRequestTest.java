package dev.upgradeassist.intake.request;

import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.MaintenanceWindow;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.contracts.model.Person;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.platform.messaging.EventCodec;
import dev.upgradeassist.platform.outbox.OutboxMessage;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class UpgradeRequestTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:15:30Z"), ZoneOffset.UTC);
    private static final EventCodec CODEC = new EventCodec();
    private static final Organization ACME = new Organization("acme", "Acme", true,
            new Person("Terry Mills", "tam@gitlab.example"));
    private static final Organization GLOBEX = new Organization("globex", "Globex", true, null);

    @Test
    void receiving_a_request_raises_request_received_with_the_contact_and_revision_1() {
        UpgradeRequest request = UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission("a"), ACME, CLOCK);

        RequestReceived received = (RequestReceived) event(request, 0);
        assertThat(received.requestId()).isEqualTo("r-1");
        assertThat(received.occurredAt()).isEqualTo(CLOCK.instant());
        assertThat(received.revision()).isEqualTo(1);
        assertThat(received.priority()).isEqualTo("HIGH");
        assertThat(received.organization()).isEqualTo(ACME);
        assertThat(received.contact().ticketId()).isEqualTo("UA-7F3K2Q");
        assertThat(received.contact().requesterEmail()).isEqualTo("dana@acme.example");
        assertThat(received.contact().contactEmail()).isEqualTo("admins@acme.example");
        assertThat(received.contact().tamEmail()).isEqualTo("tam@gitlab.example");
        assertThat(received.contact().timeZone()).isEqualTo("Europe/Berlin");
    }

    @Test
    void an_amendment_is_the_next_revision_with_the_new_organization_snapshot() {
        UpgradeRequest request = UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission("a"), ACME, CLOCK);

        request.amend(submission("b"), GLOBEX, CLOCK);

        RequestAmended amended = (RequestAmended) event(request, 1);
        assertThat(amended.revision()).isEqualTo(2);
        assertThat(request.getRevision()).isEqualTo(2);
        assertThat(amended.submission().additionalInfo()).isEqualTo("b");
        assertThat(amended.contact().tamEmail()).isNull();
        assertThat(request.ccs()).isEmpty();
    }

    @Test
    void assigning_cc_s_the_tam_and_assigning_the_same_engineer_again_raises_nothing() {
        UpgradeRequest request = UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission("a"), ACME, CLOCK);

        assertThat(request.assign("alice", CLOCK)).isTrue();
        assertThat(request.assign("alice", CLOCK)).isFalse();

        assertThat(request.pendingEvents()).hasSize(2);
        EngineerAssigned assigned = (EngineerAssigned) event(request, 1);
        assertThat(assigned.engineer()).isEqualTo("alice");
        assertThat(assigned.ccs()).containsExactly("tam@gitlab.example");
    }

    @Test
    void an_outcome_is_reported_with_the_ticket() {
        UpgradeRequest request = UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission("a"), ACME, CLOCK);

        request.reportOutcome(OutcomeResult.SUCCEEDED, "all good", CLOCK);

        UpgradeOutcomeReported reported = (UpgradeOutcomeReported) event(request, 1);
        assertThat(reported.ticketId()).isEqualTo("UA-7F3K2Q");
        assertThat(reported.result()).isEqualTo(OutcomeResult.SUCCEEDED);
    }

    private static Object event(UpgradeRequest request, int index) {
        OutboxMessage message = request.pendingEvents().get(index);
        assertThat(message.key()).isEqualTo(request.getId());
        return CODEC.fromJson(message.typeId(), message.payload());
    }

    private static UpgradeSubmission submission(String info) {
        return new UpgradeSubmission(Form.STANDARD, "acme", new Person("Dana Ops", "dana@acme.example"),
                "admins@acme.example", null, null, null, null, null, null, null, null,
                new MaintenanceWindow("2026-12-12T22:00:00", "Europe/Berlin", 240), null, null, null, info);
    }
}
