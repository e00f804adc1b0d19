package dev.upgradeassist.platform.testapp;

import org.springframework.context.ApplicationListener;
import org.springframework.data.mongodb.core.mapping.event.MongoMappingEvent;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the mapping lifecycle events {@code MongoTemplate} publishes (none, as the platform sets it up). */
@Component
public class MappingEventCount implements ApplicationListener<MongoMappingEvent<?>> {

    private final AtomicInteger count = new AtomicInteger();

    @Override
    public void onApplicationEvent(MongoMappingEvent<?> event) {
        count.incrementAndGet();
    }

    int count() {
        return count.get();
    }
}
