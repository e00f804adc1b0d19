package dev.upgradeassist.intake.clocks;

import dev.upgradeassist.intake.request.UpgradeRequest;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The queue's health as gauges, refreshed on every instance (no lock: each instance reports the same numbers from the
 * shared database):
 * <ul>
 *   <li>{@code upgrade_assist_requests_breached}: requests whose running SLA clock is breached (no response yet);</li>
 *   <li>{@code upgrade_assist_oldest_unanswered_seconds}: how long the oldest request waiting on Support with no
 *   response has waited (since its running clock started; 0 when none waits).</li>
 * </ul>
 */
@Component
public class ClockGauges {

    private static final Logger log = LoggerFactory.getLogger(ClockGauges.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final AtomicLong breached = new AtomicLong();
    private final AtomicLong oldestStartMillis = new AtomicLong(-1);

    ClockGauges(MongoTemplate mongo, Clock clock, MeterRegistry registry) {
        this.mongo = mongo;
        this.clock = clock;
        Gauge.builder("upgrade_assist.requests.breached", breached, AtomicLong::get)
                .description("Open requests whose response-time target passed with no response yet")
                .register(registry);
        Gauge.builder("upgrade_assist.oldest_unanswered_seconds", this, ClockGauges::oldestUnansweredSeconds)
                .description("Age of the oldest request waiting on Support with no response")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${upgrade-assist.clocks.poll-interval}", initialDelayString = "PT1S")
    void refreshOnSchedule() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.debug("Could not refresh the clock gauges: {}", e.toString());
        }
    }

    public void refresh() {
        String collection = mongo.getCollectionName(UpgradeRequest.class);
        breached.set(mongo.count(new Query(Criteria.where("slaClockBreached").is(true)), collection));
        Query oldest = new Query(Criteria.where("slaStartedAt").ne(null))
                .with(Sort.by(Sort.Order.asc("slaStartedAt"))).limit(1);
        oldest.fields().include("slaStartedAt");
        Document first = mongo.findOne(oldest, Document.class, collection);
        Object started = first == null ? null : first.get("slaStartedAt");
        oldestStartMillis.set(started instanceof Date date ? date.getTime() : -1);
    }

    public long breached() {
        return breached.get();
    }

    public double oldestUnansweredSeconds() {
        long start = oldestStartMillis.get();
        if (start < 0) {
            return 0;
        }
        return Math.max(0, Duration.between(Instant.ofEpochMilli(start), clock.instant()).toMillis() / 1000.0);
    }
}
