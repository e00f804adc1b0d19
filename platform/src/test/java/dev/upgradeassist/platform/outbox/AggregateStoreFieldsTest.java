package dev.upgradeassist.platform.outbox;

import dev.upgradeassist.contracts.NotificationSent;
import dev.upgradeassist.platform.InMemoryMongo;
import dev.upgradeassist.platform.messaging.EventMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

/**
 * {@link AggregateStore#applyToFields}, on a real MongoDB-protocol server (in memory): the stored document is the one a
 * whole write leaves, the update sent carries only the named fields, and a stale copy costs a fresh read, never a lost
 * update.
 */
class AggregateStoreFieldsTest {

    private static final List<String> SENT_FIELDS = List.of("status", "sentAt", "lastError");

    @org.springframework.data.mongodb.core.mapping.Document("letters")
    static class Letter extends AggregateRoot {
        String status = "PENDING";
        Instant sentAt;
        String lastError = "connection refused";
        String body;
        int attempts;

        Letter() {
        }

        Letter(String id, String body) {
            super(id);
            this.body = body;
        }

        boolean send(Instant at) {
            if (!status.equals("PENDING")) {
                return false;
            }
            status = "SENT";
            sentAt = at;
            lastError = null;
            raise(new NotificationSent("sent-" + id, at, "request-1", id, "plan_approved", "source-1",
                    List.of("customer@example.com"), List.of(), "<m@example.com>"));
            return true;
        }
    }

    private InMemoryMongo server;
    private MongoTemplate mongo;
    private AggregateStore store;
    private final List<BsonDocument> updates = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = new InMemoryMongo(event -> {
            if ("update".equals(event.getCommandName())) {
                updates.add(event.getCommand().clone());
            }
        });
        mongo = server.template("aggregate-fields-test");
        store = new AggregateStore(mongo, mock(OutboxRelay.class), new EventMetrics(new SimpleMeterRegistry(), "test"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void storesWhatAWholeWriteStoresAndSendsOnlyTheNamedFields() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String body = "<html>" + "x".repeat(20_000) + "</html>";
        Letter whole = store.insert(new Letter("whole", body));
        Letter fields = store.insert(new Letter("fields", body));
        updates.clear();

        Outcome<Letter, Boolean> saved = store.apply(Target.existing(Letter.class, "whole").startingFrom(whole),
                letter -> letter.send(at), Boolean::booleanValue);
        Outcome<Letter, Boolean> written = store.applyToFields(Target.existing(Letter.class, "fields").startingFrom(fields),
                letter -> letter.send(at), Boolean::booleanValue, SENT_FIELDS);

        assertThat(saved.written()).isTrue();
        assertThat(written.written()).isTrue();
        Document storedWhole = raw("whole");
        Document storedFields = raw("fields");
        assertThat(withoutIds(storedFields)).isEqualTo(withoutIds(storedWhole));
        assertThat(storedFields).doesNotContainKey("lastError").containsEntry("status", "SENT").containsEntry("version", 1L);
        assertThat(written.aggregate().version()).isEqualTo(1L);
        assertThat(storedFields.getList("outbox", Document.class)).singleElement()
                .satisfies(message -> assertThat(message.getString("typeId")).contains("NotificationSent"));

        // the whole write sent the body again; the write of the fields did not
        assertThat(updates).hasSize(2);
        assertThat(updates.get(0).toJson()).contains("xxxxxxxxxx");
        assertThat(updates.get(1).toJson()).doesNotContain("xxxxxxxxxx").doesNotContain("body");
    }

    @Test
    void aStaleCopyIsReadAgainAndTheCommandRunsOnTheCurrentState() {
        Letter held = store.insert(new Letter("stale", "hello"));
        // another writer moved the letter on since it was held: counted an attempt and sent it
        mongo.updateFirst(new Query(Criteria.where("_id").is("stale")),
                new Update().set("status", "SENT").inc("attempts", 1).inc("version", 1), Letter.class);

        Outcome<Letter, Boolean> outcome = store.applyToFields(Target.existing(Letter.class, "stale").startingFrom(held),
                letter -> letter.send(Instant.now()), Boolean::booleanValue, SENT_FIELDS);

        assertThat(outcome.written()).isFalse();
        Document stored = raw("stale");
        assertThat(stored).containsEntry("status", "SENT").containsEntry("attempts", 1).containsEntry("version", 1L);
        assertThat(stored.getList("outbox", Document.class)).isEmpty();
    }

    @Test
    void aCauseIsRecordedWithTheFieldsSoThatItIsAppliedOnce() {
        Letter held = store.insert(new Letter("caused", "hello"));
        NotificationSent cause = new NotificationSent("cause-1", Instant.now(), "request-1", "k", "t", "s",
                List.of(), List.of(), "<m>");

        Outcome<Letter, Boolean> first = store.applyToFields(
                Target.existing(Letter.class, "caused").causedBy(cause).startingFrom(held),
                letter -> letter.send(Instant.now()), Boolean::booleanValue, SENT_FIELDS);
        Outcome<Letter, Boolean> again = store.applyToFields(Target.existing(Letter.class, "caused").causedBy(cause),
                letter -> letter.send(Instant.now()), Boolean::booleanValue, SENT_FIELDS);

        assertThat(first.written()).isTrue();
        assertThat(again.alreadyApplied()).isTrue();
        assertThat(raw("caused").getList("appliedEventIds", String.class)).containsExactly("cause-1");
    }

    @Test
    void refusesAWriteOfNoFields() {
        assertThatThrownBy(() -> store.applyToFields(Target.existing(Letter.class, "any"), letter -> true,
                result -> true, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private Document raw(String id) {
        return mongo.getCollection("letters").find(new Document("_id", id)).first();
    }

    private static Document withoutIds(Document document) {
        Document copy = new Document(document);
        copy.remove("_id");
        List<Document> outbox = copy.getList("outbox", Document.class);
        copy.put("outbox", outbox.stream().map(message -> {
            Document m = new Document(message);
            // each letter's event has its own id and key; everything else must match
            m.remove("eventId");
            m.remove("payload");
            return m;
        }).toList());
        return copy;
    }
}
