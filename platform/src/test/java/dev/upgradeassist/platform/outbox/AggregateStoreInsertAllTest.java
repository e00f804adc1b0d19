package dev.upgradeassist.platform.outbox;

import dev.upgradeassist.contracts.NotificationSent;
import dev.upgradeassist.platform.InMemoryMongo;
import dev.upgradeassist.platform.messaging.EventMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * {@link AggregateStore#insertAll} on a real MongoDB-protocol server (in memory): one unordered insert command; an id
 * that exists (or repeats in the list) is reported by its position and does not keep the others out; each inserted
 * aggregate is stored as {@link AggregateStore#insert} stores it, and its events go to the relay.
 */
class AggregateStoreInsertAllTest {

    @org.springframework.data.mongodb.core.mapping.Document("letters")
    static class Letter extends AggregateRoot {
        String body;

        Letter() {
        }

        Letter(String id, String body, boolean raise) {
            super(id);
            this.body = body;
            if (raise) {
                raise(new NotificationSent("sent-" + id, Instant.parse("2026-12-06T00:00:00Z"), "request-1", id,
                        "plan_approved", "source-1", List.of("customer@example.com"), List.of(), "<m@example.com>"));
            }
        }
    }

    private InMemoryMongo server;
    private MongoTemplate mongo;
    private OutboxRelay relay;
    private AggregateStore store;
    private final List<String> commands = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = new InMemoryMongo(event -> commands.add(event.getCommandName()));
        mongo = server.template("aggregate-insert-all-test");
        relay = mock(OutboxRelay.class);
        store = new AggregateStore(mongo, relay, new EventMetrics(new SimpleMeterRegistry(), "test"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void inserts_them_with_one_command_and_stores_each_as_a_single_insert_does() {
        store.insert(new Letter("single", "same body", true));
        commands.clear();

        AggregateStore.InsertedAll result = store.insertAll(List.of(new Letter("a", "same body", true),
                new Letter("b", "other", false)));

        assertThat(result.existed()).isEmpty();
        assertThat(result.failed()).isEmpty();
        assertThat(result.failure()).isNull();
        assertThat(commands).containsExactly("insert");
        Document single = raw("single");
        Document batched = raw("a");
        single.remove("_id");
        batched.remove("_id");
        single.getList("outbox", Document.class).forEach(m -> { m.remove("eventId"); m.remove("payload"); m.remove("key"); });
        batched.getList("outbox", Document.class).forEach(m -> { m.remove("eventId"); m.remove("payload"); m.remove("key"); });
        assertThat(batched).isEqualTo(single);
        assertThat(batched).containsEntry("version", 0L);
        verify(relay).publishAfterWrite(eq("letters"), eq("a"), eq(0L), anyList());
        verify(relay, never()).publishAfterWrite(eq("letters"), eq("b"), any(), anyList()); // nothing raised
    }

    @Test
    void an_id_that_exists_is_reported_by_position_and_the_others_are_inserted() {
        store.insert(new Letter("taken", "first", false));
        commands.clear();

        AggregateStore.InsertedAll result = store.insertAll(List.of(new Letter("new-1", "x", false),
                new Letter("taken", "second", true), new Letter("new-2", "y", false), new Letter("new-1", "again", false)));

        assertThat(result.existed()).containsExactly(1, 3);
        assertThat(result.failed()).isEmpty();
        assertThat(commands).containsExactly("insert");
        assertThat(raw("taken")).containsEntry("body", "first");
        assertThat(raw("new-1")).containsEntry("body", "x");
        assertThat(raw("new-2")).containsEntry("body", "y");
        verify(relay, never()).publishAfterWrite(eq("letters"), eq("taken"), any(), anyList());
    }

    @Test
    void an_unreachable_server_fails_the_whole_call_as_an_outage() {
        server.stopServer();

        assertThatThrownBy(() -> store.insertAll(List.of(new Letter("a", "x", true))))
                .isInstanceOf(DataAccessResourceFailureException.class);
        verify(relay, never()).publishAfterWrite(any(), any(), any(), anyList());
    }

    private Document raw(String id) {
        return mongo.getCollection("letters").find(new Document("_id", id)).first();
    }
}
