package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.notification.templates.RenderedMail;
import dev.upgradeassist.notification.templates.Template;
import dev.upgradeassist.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With several instances, only the attempt that holds an email's lease decides its fate: a worker whose lease ran out
 * (another instance claimed the email since) must not re-schedule it when its own attempt fails late.
 */
@IntegrationTest
class LeaseCheckIT {

    @Autowired
    DeliveryClaims claims;

    @Autowired
    MongoTemplate mongo;

    @Test
    void a_late_failure_after_the_lease_ran_out_does_not_reschedule_the_email_another_instance_claimed() {
        String key = "lease-" + UUID.randomUUID();
        Instant bLeaseUntil = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        NotificationEntry claimedByA = claimedEntry(key);
        // A's lease ran out; instance B claimed the entry (a new version) and is sending it now
        mongo.updateFirst(Query.query(Criteria.where("_id").is(key)), new Update().inc("version", 1).inc("attempts", 1)
                .set("nextAttemptAt", Date.from(bLeaseUntil)), NotificationEntry.class);

        assertThat(claims.attemptFailed(claimedByA, "connection reset", "MailSendException", false)).isEmpty();

        NotificationEntry now = mongo.findById(key, NotificationEntry.class);
        assertThat(now.version()).isEqualTo(claimedByA.version() + 1);
        assertThat(now.nextAttemptAt()).isEqualTo(bLeaseUntil);
        assertThat(now.status()).isEqualTo(claimedByA.status());
    }

    @Test
    void the_failure_of_the_attempt_that_holds_the_lease_schedules_the_next_attempt() {
        String key = "lease-" + UUID.randomUUID();
        NotificationEntry claimed = claimedEntry(key);

        assertThat(claims.attemptFailed(claimed, "connection reset", "MailSendException", false)).isPresent();

        NotificationEntry now = mongo.findById(key, NotificationEntry.class);
        assertThat(now.status()).isEqualTo(NotificationStatus.RETRYING);
        assertThat(now.version()).isEqualTo(claimed.version() + 1);
    }

    /** An entry as a worker holds it after claiming it: leased for 10 minutes (so no worker here takes it). */
    private NotificationEntry claimedEntry(String key) {
        MailRequest request = new MailRequest("r-" + UUID.randomUUID(), "UA-LEASE1", UUID.randomUUID().toString(),
                "RequestReceived.v1", Template.REQUEST_RECEIVED, List.of("dana@acme.example"), List.of(), Map.of());
        NotificationEntry entry = NotificationEntry.pending(key, request, List.of("dana@acme.example"), List.of(),
                new RenderedMail("subject", "text", "<p>html</p>"), Instant.now(), Duration.ofMinutes(10));
        mongo.insert(entry);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(key)), new Update().inc("version", 1).inc("attempts", 1)
                .set("nextAttemptAt", Date.from(Instant.now().plus(Duration.ofMinutes(10)))), NotificationEntry.class);
        return mongo.findById(key, NotificationEntry.class);
    }
}
