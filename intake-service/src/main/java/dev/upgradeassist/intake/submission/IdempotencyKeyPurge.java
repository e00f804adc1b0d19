package dev.upgradeassist.intake.submission;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * Forgets {@code Idempotency-Key}s after their retention (a day by default): a portal retries within
 * minutes, and keys must not pile up forever. A scheduled purge, not a TTL index, because the
 * embedded MongoDB-protocol server never enforces TTL indexes.
 */
@Component
class IdempotencyKeyPurge {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPurge.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration retention;

    IdempotencyKeyPurge(MongoTemplate mongo, Clock clock,
                        @Value("${upgrade-assist.intake.idempotency-key-retention:P1D}") Duration retention) {
        this.mongo = mongo;
        this.clock = clock;
        this.retention = retention;
    }

    /** The scheduled purge, on one instance at a time (ShedLock); the others skip the round. */
    @Scheduled(fixedDelayString = "${upgrade-assist.intake.idempotency-key-purge-interval:PT1H}",
            initialDelayString = "PT1M")
    @net.javacrumbs.shedlock.spring.annotation.SchedulerLock(name = "intake.idempotency-key-purge",
            lockAtMostFor = "PT10M", lockAtLeastFor = "PT10S")
    public void purgeOnSchedule() {
        purge();
    }

    long purge() {
        var cutoff = clock.instant().minus(retention);
        long removed = mongo.remove(new Query(Criteria.where("createdAt").lt(cutoff)), IdempotencyRecord.class)
                .getDeletedCount();
        if (removed > 0) {
            log.info("Forgot {} idempotency keys older than {}", removed, retention);
        }
        return removed;
    }
}
