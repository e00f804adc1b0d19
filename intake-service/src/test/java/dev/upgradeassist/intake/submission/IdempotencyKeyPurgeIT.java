package dev.upgradeassist.intake.submission;

import dev.upgradeassist.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class IdempotencyKeyPurgeIT {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    IdempotencyKeyPurge purge;

    @Test
    void keys_past_their_retention_are_forgotten_and_recent_ones_kept() {
        String old = "old-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        mongo.insert(new IdempotencyRecord(old, UUID.randomUUID().toString(), "UA-OLD001", "h",
                Instant.now().minus(Duration.ofDays(2))));
        mongo.insert(new IdempotencyRecord(recent, UUID.randomUUID().toString(), "UA-NEW001", "h", Instant.now()));

        long removed = purge.purge();

        assertThat(removed).isGreaterThanOrEqualTo(1);
        assertThat(mongo.findById(old, IdempotencyRecord.class)).isNull();
        assertThat(mongo.findById(recent, IdempotencyRecord.class)).isNotNull();
    }
}
