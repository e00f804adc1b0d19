package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.notification.templates.MailRenderer;
import dev.upgradeassist.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An entry recorded here but waiting in memory by its key alone (the delivery queue was full): its thread renews
 * the lease on {@code (_id, version)} when its turn comes, counting no second attempt; once anything else changed
 * the entry, the key alone takes it only when it is due.
 */
@IntegrationTest
class ClaimRecordedIT {

    private static final Duration LEASE = RecordedEntries.LEASE;

    @Autowired
    DeliveryClaims claims;

    @Autowired
    NotificationHistory history;

    @Autowired
    MailRenderer renderer;

    @Autowired
    MongoTemplate mongo;

    @Test
    void an_entry_held_by_its_key_is_renewed_once_on_its_recorded_version_without_a_second_attempt() {
        NotificationEntry recorded = recordedWithoutDelivery();
        Instant leaseBefore = recorded.nextAttemptAt();

        NotificationEntry claimed = claims.claimRecordedVersion(recorded.id(), recorded.version(), LEASE).orElseThrow();

        assertThat(claimed.id()).isEqualTo(recorded.id());
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.version()).isEqualTo(recorded.version() + 1);
        assertThat(claimed.nextAttemptAt()).isAfterOrEqualTo(leaseBefore);
        assertThat(claimed.html()).isEqualTo(recorded.html()); // the bodies come back with the claim
        // the same key and version a second time (a second holder): the version moved on and the lease is not over
        assertThat(claims.claimRecordedVersion(recorded.id(), recorded.version(), LEASE)).isEmpty();
    }

    @Test
    void an_entry_sent_meanwhile_is_not_claimed_again() {
        NotificationEntry recorded = recordedWithoutDelivery();
        NotificationEntry claimed = claims.claimRecordedVersion(recorded.id(), recorded.version(), LEASE).orElseThrow();
        claims.sent(claimed, Instant.now());

        assertThat(claims.claimRecordedVersion(recorded.id(), recorded.version(), LEASE)).isEmpty();
        assertThat(claims.claimRecordedVersion(recorded.id(), claimed.version(), LEASE)).isEmpty();
        assertThat(history.find(recorded.id()).orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
    }

    /** A PENDING entry claimed at birth, written straight to the ledger: no delivery thread hears of it. */
    private NotificationEntry recordedWithoutDelivery() {
        String requestId = UUID.randomUUID().toString();
        return RecordedEntries.completed(renderer, mongo, requestId, "UA-HELD1", UUID.randomUUID().toString(),
                "held-" + requestId + "@acme.example");
    }
}
