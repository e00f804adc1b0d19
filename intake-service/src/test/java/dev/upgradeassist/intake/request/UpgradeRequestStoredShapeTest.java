package dev.upgradeassist.intake.request;

import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.MaintenanceWindow;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.Person;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mapping.PropertyHandler;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.index.MongoPersistentEntityIndexResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stored shape of {@code upgrade_requests}: the aggregate is split into classes by job, its document is not. The
 * field names and indexes are the ones documents were written with, so stored documents still read.
 */
class UpgradeRequestStoredShapeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:15:30Z"), ZoneOffset.UTC);

    private final MongoCustomConversions conversions = new MongoCustomConversions(List.of());
    private final MongoMappingContext context = mappingContext(conversions);

    @Test
    void the_document_keeps_its_collection_and_field_names() {
        var entity = context.getRequiredPersistentEntity(UpgradeRequest.class);
        List<String> fields = new ArrayList<>();
        entity.doWithProperties((PropertyHandler<MongoPersistentProperty>) property -> fields.add(property.getFieldName()));

        assertThat(entity.getCollection()).isEqualTo("upgrade_requests");
        assertThat(fields).containsExactlyInAnyOrder(
                "_id", "version", "outbox", "appliedEventIds",
                "ticketId", "revision", "priority", "submission", "organization", "contact", "assignee", "assigneeAt",
                "keyedComments", "receivedAt", "updatedAt", "revisionSince", "closure", "awaitingOutcome",
                "awaitingOutcomeDecidedAt", "closedReason", "slaKind", "slaStartedAt", "slaDueAt", "slaCalendar",
                "slaClockBreached", "slaBreached", "awaitingCustomer", "reviewDecidedAt", "awaitingEnteredAt",
                "lastCustomerActionAt", "awaitingSince", "pendingReminderAt", "pendingCloseAt", "autoCloseDisabled",
                "onHoldWindowEnd", "onHoldRecheckAt", "call", "callReminderAt", "callEndedAt", "firedTimers",
                "nextTimerAt");
    }

    @Test
    void a_learned_decision_writes_every_stored_field_but_what_the_customer_submitted_and_the_stores_own() {
        var entity = context.getRequiredPersistentEntity(UpgradeRequest.class);
        List<String> properties = new ArrayList<>();
        entity.doWithProperties((PropertyHandler<MongoPersistentProperty>) property -> properties.add(property.getName()));
        properties.removeAll(List.of("id", "version", "outbox", "appliedEventIds")); // written by the store itself

        List<String> learnedOrNot = new ArrayList<>(UpgradeRequest.LEARNED_FIELDS);
        learnedOrNot.addAll(UpgradeRequest.NEVER_LEARNED);
        assertThat(learnedOrNot).containsExactlyInAnyOrderElementsOf(properties);
        assertThat(UpgradeRequest.LEARNED_FIELDS).doesNotContainAnyElementsOf(UpgradeRequest.NEVER_LEARNED)
                .doesNotContain("submission", "keyedComments");
    }

    @Test
    void the_indexes_are_the_unique_ticket_id_and_the_clocks_queries() {
        List<Document> keys = new ArrayList<>();
        new MongoPersistentEntityIndexResolver(context).resolveIndexFor(UpgradeRequest.class)
                .forEach(index -> keys.add(indexKeysWithUniqueness(index)));

        assertThat(keys).containsExactlyInAnyOrder(
                new Document("ticketId", 1).append("unique", true),
                new Document("slaStartedAt", 1).append("unique", false),
                new Document("slaClockBreached", 1).append("unique", false),
                new Document("nextTimerAt", 1).append("unique", false));
    }

    @Test
    void a_written_request_reads_back_with_its_state() {
        MappingMongoConverter converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, context);
        converter.setCustomConversions(conversions);
        converter.afterPropertiesSet();
        UpgradeRequest request = UpgradeRequest.receive("r-1", "UA-7F3K2Q", submission(), ACME, CLOCK);
        request.assign("alice", "alice", CLOCK);
        request.autoClose(false);

        Document stored = new Document();
        converter.write(request, stored);
        UpgradeRequest read = converter.read(UpgradeRequest.class, stored);

        assertThat(stored.get("ticketId")).isEqualTo("UA-7F3K2Q");
        assertThat(stored.get("assignee")).isEqualTo("alice");
        assertThat(stored.get("autoCloseDisabled")).isEqualTo(true);
        assertThat(stored.get("slaKind")).isEqualTo("FIRST_RESPONSE");
        assertThat(read.ticketId()).isEqualTo("UA-7F3K2Q");
        assertThat(read.revision()).isEqualTo(1);
        assertThat(read.assignee()).isEqualTo("alice");
        assertThat(read.contact()).isEqualTo(request.contact());
        assertThat(read.sla()).isEqualTo(request.sla());
        assertThat(read.autoCloseEnabled()).isFalse();
        assertThat(read.nextTimerAt()).isEqualTo(request.nextTimerAt());
    }

    private static MongoMappingContext mappingContext(MongoCustomConversions conversions) {
        MongoMappingContext context = new MongoMappingContext();
        context.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
        context.afterPropertiesSet();
        return context;
    }

    private static Document indexKeysWithUniqueness(IndexDefinition index) {
        Document keys = new Document(index.getIndexKeys());
        keys.append("unique", index.getIndexOptions().getBoolean("unique", false));
        return keys;
    }

    private static final Organization ACME = new Organization("acme", "Acme", true,
            new Person("Terry Mills", "tam@gitlab.example"));

    private static UpgradeSubmission submission() {
        return new UpgradeSubmission(Form.STANDARD, "acme", new Person("Dana Ops", "dana@acme.example"),
                "admins@acme.example", null, null, null, null, null, null, null, null,
                new MaintenanceWindow("2026-12-12T22:00:00", "Europe/Berlin", 240), null, null, null, "a");
    }
}
