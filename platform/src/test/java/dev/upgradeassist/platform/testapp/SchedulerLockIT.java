package dev.upgradeassist.platform.testapp;

import dev.upgradeassist.testsupport.IntegrationTest;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled-job lock works on the MongoDB the services use (the embedded server here, real MongoDB in
 * production): of two instances asking for one job's lock, one gets it; the other gets it once it is released.
 */
@IntegrationTest
class SchedulerLockIT {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    LockProvider platformLockProvider;

    @Test
    void of_two_instances_one_holds_a_jobs_lock_until_it_releases_it() {
        LockProvider otherInstance = new MongoLockProvider(mongo.getDb());
        String job = "test-job-" + UUID.randomUUID();

        Optional<SimpleLock> first = platformLockProvider.lock(config(job));
        Optional<SimpleLock> second = otherInstance.lock(config(job));

        assertThat(first).isPresent();
        assertThat(second).as("the other instance skips the round").isEmpty();
        first.get().unlock();
        Optional<SimpleLock> afterRelease = otherInstance.lock(config(job));
        assertThat(afterRelease).isPresent();
        afterRelease.get().unlock();
    }

    private static LockConfiguration config(String name) {
        return new LockConfiguration(Instant.now(), name, Duration.ofMinutes(1), Duration.ZERO);
    }
}
