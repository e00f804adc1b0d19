package dev.upgradeassist.intake.request;

import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.MaintenanceWindow;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.Person;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.intake.support.Events;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status GET reads a request's SLA and auto-close from four fields of its stored document
 * ({@link RequestClockFields}), not from the mapped aggregate: both reads must agree for every state of the clocks.
 */
class RequestClockFieldsTest {

    /** Tuesday 2026-12-01 10:00 UTC. */
    private static final Instant TUESDAY = Instant.parse("2026-12-01T10:00:00Z");
    private static final ClockPolicy CLOCKS = ClockPolicy.DEFAULTS;
    private static final Organization ACME = new Organization("acme", "Acme", true,
            new Person("Terry Mills", "tam@gitlab.example"));

    private final MappingMongoConverter converter = converter();

    @Test
    void the_stored_fields_read_as_the_aggregate_reads_them_in_every_clock_state() {
        Map<String, UpgradeRequest> states = new LinkedHashMap<>();

        states.put("first response running", received());

        UpgradeRequest breached = received();
        breached.fireDue(TUESDAY.plus(Duration.ofHours(5)));
        states.put("first response breached, clock still running", breached);

        UpgradeRequest answeredLate = received();
        answeredLate.fireDue(TUESDAY.plus(Duration.ofHours(5)));
        answeredLate.learn(Events.planApproved("r-1", 1, TUESDAY.plus(Duration.ofHours(6))), CLOCKS);
        states.put("answered after the breach", answeredLate);

        UpgradeRequest nextResponse = received();
        nextResponse.learn(Events.planApproved("r-1", 1, TUESDAY.plus(Duration.ofHours(1))), CLOCKS);
        nextResponse.comment("customer", CommentAdded.AuthorRole.CUSTOMER, CommentAdded.Visibility.PUBLIC, "q", null,
                null, CLOCKS, Clock.fixed(TUESDAY.plus(Duration.ofHours(2)), ZoneOffset.UTC));
        states.put("next response running", nextResponse);

        UpgradeRequest autoCloseOff = received();
        autoCloseOff.autoClose(false);
        states.put("auto-close off", autoCloseOff);

        UpgradeRequest waiting = received();
        waiting.learn(Events.infoMissing("r-1", 1, TUESDAY.plus(Duration.ofHours(1))), CLOCKS);
        states.put("waiting on the customer: no clock", waiting);

        states.forEach((state, request) -> {
            Document stored = new Document();
            converter.write(request, stored);

            RequestClockFields fields = RequestClockFields.of(stored);

            assertThat(fields.sla()).as(state).isEqualTo(request.sla());
            assertThat(fields.autoCloseEnabled()).as(state).isEqualTo(request.autoCloseEnabled());
        });
        // the states differ where it matters, so the comparison above cannot pass by accident
        assertThat(states.get("first response running").sla().firstResponseDueAt()).isNotNull();
        assertThat(states.get("first response breached, clock still running").sla().breached()).isTrue();
        assertThat(states.get("next response running").sla().nextResponseDueAt()).isNotNull();
        assertThat(states.get("waiting on the customer: no clock").sla()).isEqualTo(new UpgradeRequest.Sla(null, null, false));
        assertThat(states.get("auto-close off").autoCloseEnabled()).isFalse();
    }

    @Test
    void a_document_without_the_fields_has_no_clock_and_auto_close_on() {
        RequestClockFields fields = RequestClockFields.of(new Document("_id", "r-1"));

        assertThat(fields.sla()).isEqualTo(new UpgradeRequest.Sla(null, null, false));
        assertThat(fields.autoCloseEnabled()).isTrue();
    }

    private static UpgradeRequest received() {
        return UpgradeRequest.receive("r-1", "UA-7F3K2Q", new UpgradeSubmission(Form.STANDARD, "acme",
                        new Person("Dana Ops", "dana@acme.example"), "admins@acme.example", null, null, null, null, null,
                        null, null, null, new MaintenanceWindow("2026-12-12T22:00:00", "Europe/Berlin", 240), null, null,
                        null, "a"),
                ACME, CLOCKS, Clock.fixed(TUESDAY, ZoneOffset.UTC));
    }

    private static MappingMongoConverter converter() {
        MongoCustomConversions conversions = new MongoCustomConversions(java.util.List.of());
        MongoMappingContext context = new MongoMappingContext();
        context.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
        context.afterPropertiesSet();
        MappingMongoConverter converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, context);
        converter.setCustomConversions(conversions);
        converter.afterPropertiesSet();
        return converter;
    }
}
