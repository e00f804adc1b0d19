package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.notification.templates.MailRenderer;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.Target;
import dev.upgradeassist.testsupport.IntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An email marked sent writes only {@link NotificationEntry#SENT_FIELDS} (with its NotificationSent): the entry it
 * leaves is the one a whole write of the marked entry leaves, so every field {@code markSent} changes is in the list.
 */
@IntegrationTest
class SentWriteIT {

    @Autowired
    DeliveryClaims claims;

    @Autowired
    AggregateStore store;

    @Autowired
    NotificationHistory history;

    @Autowired
    MailRenderer renderer;

    @Autowired
    MongoTemplate mongo;

    @Test
    void marking_an_email_sent_stores_what_a_whole_write_of_the_marked_entry_stores() {
        Instant sentAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String requestId = UUID.randomUUID().toString();
        String sourceEventId = UUID.randomUUID().toString();
        NotificationEntry byFields = recorded(requestId, sourceEventId, "a");
        NotificationEntry whole = recorded(requestId, sourceEventId, "b");

        claims.sent(byFields, sentAt);
        store.apply(Target.existing(NotificationEntry.class, whole.id()).startingFrom(whole),
                entry -> entry.markSent(sentAt, List.of()), Boolean::booleanValue);

        Document written = comparable(byFields.id());
        assertThat(written).isEqualTo(comparable(whole.id()));
        assertThat(written.getString("status")).isEqualTo("SENT");
        assertThat(written).containsKey("sentAt").doesNotContainKey("nextAttemptAt").doesNotContainKey("lastError");
        // the bodies stay as recorded
        assertThat(history.find(byFields.id()).orElseThrow().html()).isEqualTo(byFields.html());
    }

    /** The stored entry without what differs between two entries by design: id, recipient, key, outbox, version. */
    private Document comparable(String key) {
        Document stored = new Document(mongo.getCollection(mongo.getCollectionName(NotificationEntry.class))
                .find(new Document("_id", key)).first());
        for (String differs : List.of("_id", "to", "html", "text", "subject", "messageId", "outbox", "version", "createdAt")) {
            stored.remove(differs);
        }
        return stored;
    }

    private NotificationEntry recorded(String requestId, String sourceEventId, String who) {
        return RecordedEntries.completed(renderer, mongo, requestId, "UA-SENT1", sourceEventId,
                who + "-" + requestId + "@acme.example");
    }
}
