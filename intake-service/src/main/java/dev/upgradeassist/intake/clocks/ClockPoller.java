package dev.upgradeassist.intake.clocks;

import dev.upgradeassist.intake.infrastructure.IntakeMetrics;
import dev.upgradeassist.intake.request.Firing;
import dev.upgradeassist.intake.request.UpgradeRequest;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.Outcome;
import dev.upgradeassist.platform.outbox.Target;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
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
import java.time.Instant;
import java.util.List;

/**
 * Fires the requests' due timers: finds the requests whose earliest due time ({@code nextTimerAt}, indexed) has come
 * and fires each through the request's version-checked write and outbox ({@link UpgradeRequest#fireDue}). The
 * scheduled round runs on one instance at a time (ShedLock); that is only to save work: two pollers at once (another
 * instance past its lock, a test calling {@link #poll()}) still fire each timer once, because the timer's key is
 * recorded in the same conditional write that raises its event.
 */
@Component
public class ClockPoller {

    private static final Logger log = LoggerFactory.getLogger(ClockPoller.class);
    private static final int BATCH = 100;
    private static final int MAX_ROUNDS = 100;

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final IntakeMetrics metrics;
    private final Clock clock;

    public ClockPoller(MongoTemplate mongo, AggregateStore store, IntakeMetrics metrics, Clock clock) {
        this.mongo = mongo;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${upgrade-assist.clocks.poll-interval}",
            initialDelayString = "${upgrade-assist.clocks.poll-interval}")
    @SchedulerLock(name = "intake.clocks", lockAtMostFor = "PT5M")
    public void pollOnSchedule() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("Clock poll failed, retried next round: {}", e.toString());
        }
    }

    /**
     * Fires everything due now.
     *
     * @return how many timers this call fired (a concurrent poller's are not counted)
     */
    public int poll() {
        Instant now = clock.instant();
        int fired = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Query due = new Query(Criteria.where("nextTimerAt").lte(now))
                    .with(Sort.by(Sort.Order.asc("nextTimerAt"))).limit(BATCH);
            due.fields().include("_id");
            List<String> ids = mongo.find(due, Document.class, mongo.getCollectionName(UpgradeRequest.class)).stream()
                    .map(document -> String.valueOf(document.get("_id"))).toList();
            int progress = 0;
            for (String id : ids) {
                try {
                    int firedNow = fire(id, now);
                    fired += firedNow;
                    progress++;
                } catch (RuntimeException e) {
                    log.warn("Could not fire the clocks of request {}: {}", id, e.toString());
                }
            }
            if (ids.size() < BATCH || progress == 0) {
                break;
            }
        }
        return fired;
    }

    private int fire(String id, Instant now) {
        Outcome<UpgradeRequest, Firing> firing = store.apply(Target.existing(UpgradeRequest.class, id),
                request -> request.fireDue(now), Firing::changed);
        if (!firing.written()) {
            return 0;
        }
        // counted after the write that fired them succeeded (a lost race fires nothing and counts nothing)
        for (Firing.Fired fired : firing.result().fired()) {
            switch (fired) {
                case FIRST_RESPONSE_BREACHED -> metrics.slaBreached("first_response");
                case NEXT_RESPONSE_BREACHED -> metrics.slaBreached("next_response");
                case PENDING_REMINDER -> metrics.reminder("pending");
                case ON_HOLD_RECHECK -> metrics.reminder("on_hold");
                case CALL_REMINDER -> metrics.reminder("call");
                case CLOSED_NO_RESPONSE -> metrics.closed("no_response");
            }
            log.info("Request {}: {}", id, fired);
        }
        return firing.result().fired().size();
    }
}
