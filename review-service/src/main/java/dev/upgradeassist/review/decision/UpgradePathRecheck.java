package dev.upgradeassist.review.decision;

import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.MaintenanceWindow;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.platform.ids.DerivedIds;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.Target;
import dev.upgradeassist.review.upgradepath.CurrentUpgradePathData;
import dev.upgradeassist.review.upgradepath.UpgradePathCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-checks open plans when the upgrade-path data changes. When this instance puts another data version in force (an
 * operator's {@code PUT}, or its poll), and at start-up and every {@code upgrade-assist.review.recheck-interval}
 * (default 10 minutes) as a catch-up, it sweeps the approved reviews (approved covers linked, booked and on hold:
 * review does not know scheduling's stages) whose window starts later and that were not checked against the data in
 * force yet. Each is checked again with the kept submission ({@link PlanReview#recheck}); a plan that now misses a
 * stop or uses a known-bad patch gets one {@code ChangesRequested} by {@code review-service} (status
 * {@code CHANGES_REQUESTED}, as after an engineer's request for changes). Reviews decided before the submission was
 * kept are skipped (and counted once per data version).
 *
 * <p>Once per request and data version: the version is recorded on the aggregate in the same conditional write as the
 * change and its event, whose id is derived from the request, revision and data version. Sweeps run on one thread of
 * this instance and under a ShedLock lock ({@code review-upgrade-path-recheck}) across instances; a sweep that finds
 * the lock taken tries again a second later. Metric {@code upgrade_assist.plans.rechecked{result}} (Prometheus
 * {@code upgrade_assist_plans_rechecked_total}, {@code unchanged|changes_requested|skipped}).
 */
@Component
public class UpgradePathRecheck {

    private static final Logger log = LoggerFactory.getLogger(UpgradePathRecheck.class);
    static final String LOCK = "review-upgrade-path-recheck";
    private static final Duration LOCK_AT_MOST = Duration.ofMinutes(10);
    private static final int LOCK_ATTEMPTS = 120;

    /** What a re-check of one request did. */
    public enum Result {
        UNCHANGED, CHANGES_REQUESTED, SKIPPED, NOT_DUE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What one sweep did: the data version and the count per result (not-due ones are not counted). */
    public record Sweep(String dataVersion, Map<Result, Integer> results) {
        public int count(Result result) {
            return results.getOrDefault(result, 0);
        }
    }

    private final AggregateStore store;
    private final MongoTemplate mongo;
    private final PlanReview policy;
    private final CurrentUpgradePathData data;
    private final Clock clock;
    private final LockingTaskExecutor locks;
    private final MeterRegistry meters;
    private final ExecutorService worker;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final long retryMillis;

    public UpgradePathRecheck(AggregateStore store, MongoTemplate mongo, PlanReview policy, CurrentUpgradePathData data,
                       Clock clock, LockProvider lockProvider, MeterRegistry meters,
                       @Value("${upgrade-assist.review.recheck-lock-retry:PT1S}") Duration lockRetry) {
        this.store = store;
        this.mongo = mongo;
        this.policy = policy;
        this.data = data;
        this.clock = clock;
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
        this.meters = meters;
        this.retryMillis = lockRetry.toMillis();
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "upgrade-path-recheck");
            thread.setDaemon(true);
            return thread;
        });
        for (Result result : List.of(Result.UNCHANGED, Result.CHANGES_REQUESTED, Result.SKIPPED)) {
            counter(result);
        }
        data.onChange(catalog -> request());
    }

    /** At start-up: catches up on a sweep a stopped instance did not finish. */
    @EventListener(ApplicationReadyEvent.class)
    void started() {
        request();
    }

    /** The catch-up: an approval decided while a sweep ran, or by an engineer, with older data is re-checked here. */
    @Scheduled(fixedDelayString = "${upgrade-assist.review.recheck-interval:PT10M}",
            initialDelayString = "${upgrade-assist.review.recheck-interval:PT10M}")
    void catchUp() {
        request();
    }

    /** Asks for a sweep on the worker thread; requests while one waits to start are one sweep. */
    public void request() {
        if (queued.compareAndSet(false, true)) {
            try {
                worker.execute(this::sweepWhenLocked);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                queued.set(false); // shutting down
            }
        }
    }

    private void sweepWhenLocked() {
        queued.set(false);
        for (int attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
            try {
                LockingTaskExecutor.TaskResult<Sweep> result = locks.executeWithLock(this::sweep,
                        new LockConfiguration(clock.instant(), LOCK, LOCK_AT_MOST, Duration.ZERO));
                if (result.wasExecuted()) {
                    return;
                }
            } catch (Throwable e) {
                log.error("The upgrade-path re-check failed; the next sweep tries again", e);
                return;
            }
            try {
                Thread.sleep(retryMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.warn("The upgrade-path re-check lock stayed taken; the catch-up sweep will run it");
    }

    /**
     * One sweep with the newest data (the instance first picks up a newer stored version): every review due re-checked
     * once. Call it under the lock ({@link #request}); it is safe without one (each request is changed once per data
     * version by a conditional write), only slower.
     */
    public Sweep sweep() {
        data.refresh();
        UpgradePathCatalog catalog = data.catalog();
        String version = catalog.version();
        Query due = dueQuery(version, clock.instant());
        List<String> ids = new ArrayList<>();
        mongo.find(due, org.bson.Document.class, mongo.getCollectionName(RequestReview.class))
                .forEach(d -> ids.add(String.valueOf(d.get("_id"))));
        Map<Result, Integer> results = new EnumMap<>(Result.class);
        for (String id : ids) {
            try {
                results.merge(recheck(id, catalog), 1, Integer::sum);
            } catch (RuntimeException e) {
                log.error("Request {}: re-check with upgrade-path data {} failed; the next sweep tries again", id,
                        version, e);
            }
        }
        results.remove(Result.NOT_DUE);
        if (!ids.isEmpty()) {
            log.info("Upgrade-path data {}: {} approved plans re-checked: {}", version, ids.size(), results);
        }
        return new Sweep(version, Map.copyOf(results));
    }

    /**
     * The reviews a sweep with data {@code version} looks at (their ids): approved, window ahead, not checked against
     * this version. Served by the index {@code recheck_due} ({@link RecheckIndex}); each is checked again in Java
     * ({@link RequestReview#recheckDue}) before anything is written.
     */
    static Query dueQuery(String version, Instant now) {
        Query due = new Query(Criteria.where("status").is(ReviewStatus.APPROVED.name())
                .and("approvalTerms.upgradeStart").gt(Date.from(now))
                .and("pathDataVersion").ne(version));
        due.fields().include("_id");
        return due;
    }

    /** Re-checks one request with {@code catalog}, when due; once per request and data version. */
    Result recheck(String requestId, UpgradePathCatalog catalog) {
        String version = catalog.version();
        Result done = store.apply(Target.existing(RequestReview.class, requestId), review -> {
            Instant now = clock.instant();
            if (!review.recheckDue(version, now)) {
                return Result.NOT_DUE;
            }
            if (review.submission() == null) {
                review.recheckSkipped(version);
                return Result.SKIPPED;
            }
            PlanReview.Recheck check = policy.recheck(review.submission(), catalog);
            boolean withdrawn = review.recheckedWith(check, feedback(review.submission(), check),
                    DerivedIds.derive(requestId + ":" + review.revision() + ":" + version, "upgrade-path-recheck"),
                    now);
            return withdrawn ? Result.CHANGES_REQUESTED : Result.UNCHANGED;
        }, result -> result != Result.NOT_DUE).result();
        if (done == null) {
            done = Result.NOT_DUE; // no such request
        }
        if (done != Result.NOT_DUE) {
            counter(done).increment();
        }
        if (done == Result.CHANGES_REQUESTED) {
            log.info("Request {}: the approved plan no longer fits upgrade-path data {}; changes requested",
                    requestId, version);
        } else if (done == Result.SKIPPED) {
            log.info("Request {}: approved before the submission was kept, not re-checked with data {}", requestId,
                    version);
        }
        return done;
    }

    /** What the customer reads: the data changed (its version), what the plan now lacks, and what to do. */
    static String feedback(UpgradeSubmission submission, PlanReview.Recheck check) {
        StringBuilder text = new StringBuilder();
        text.append("GitLab's upgrade-path data changed after your plan was approved (review-service now uses")
                .append(" upgrade-path data version ").append(check.dataVersion()).append("), and your approved plan");
        if (submission.currentVersion() != null && submission.targetVersion() != null) {
            text.append(" from ").append(submission.currentVersion().strip()).append(" to ")
                    .append(submission.targetVersion().strip());
        }
        text.append(" no longer passes the upgrade-path check: ");
        text.append(String.join(" ", check.deficiencies().stream()
                .filter(d -> PlanReview.DATA_DRIVEN.contains(d.code())).map(Deficiency::message).toList()));
        if (!check.requiredStops().isEmpty()) {
            text.append(" The required stops are now: ").append(String.join(", ", check.requiredStops()))
                    .append('.');
        }
        text.append(" Please amend your request with a corrected upgrade plan (every required stop, no known-bad")
                .append(" patch)");
        MaintenanceWindow window = submission.maintenanceWindow();
        if (window != null && window.start() != null) {
            text.append(" before your maintenance window (").append(window.start().strip());
            if (window.timeZone() != null && !window.timeZone().isBlank()) {
                text.append(' ').append(window.timeZone().strip());
            }
            text.append(')');
        }
        text.append(". Until the amended plan is approved again, the approval is withdrawn: an open booking link is")
                .append(" revoked and a booked review call is cancelled. Nothing you did caused this: GitLab")
                .append(" published new upgrade information.");
        return text.toString();
    }

    private Counter counter(Result result) {
        return Counter.builder("upgrade_assist.plans.rechecked").tag("result", result.tag())
                .description("Approved plans checked again after the upgrade-path data changed, by result")
                .register(meters);
    }

    /**
     * Stops the worker: a sweep under way finishes (its lock is released), up to 10 seconds; then it is interrupted
     * (a lock it holds then expires after its 10 minutes at most, and the next instance's catch-up takes over).
     */
    @PreDestroy
    public void stop() throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
            worker.shutdownNow();
            worker.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
