package dev.upgradeassist.platform;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A {@code @Scheduled} job annotated with {@code @SchedulerLock} runs on one instance of a service at a time: the
 * lock is a document in the service's {@code shedLock} collection (ShedLock), so N instances purge or sweep once per
 * interval, not N times. Jobs that are per instance by nature (a gauge of this instance) take no lock.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
public class SchedulerLockConfiguration {

    @Bean
    LockProvider schedulerLockProvider(MongoTemplate mongo) {
        return new MongoLockProvider(mongo.getDb());
    }
}
