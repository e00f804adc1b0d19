package dev.upgradeassist.review.decision;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndexDefinition;
import org.springframework.stereotype.Component;

/**
 * The index of the re-check's query ({@link UpgradePathRecheck#dueQuery}: {@code status} equal to {@code APPROVED},
 * {@code approvalTerms.upgradeStart} after now, {@code pathDataVersion} not the data in force) on
 * {@code request_reviews}: {@code recheck_due}, {@code (status, approvalTerms.upgradeStart)}, equality then range, so
 * that a sweep reads the approved reviews whose window is ahead instead of the whole collection (the version is
 * checked on those few). Created when the application starts, before the listeners, the web server and the first
 * sweep (at {@code ApplicationReadyEvent}); creating it again is a no-op.
 *
 * <p>A timer's scan, off the hot path (ADR 0006): real MongoDB serves it from this index; the embedded
 * MongoDB-protocol server (mongo-java-server) accepts the declaration and keeps scanning, as it does for every
 * non-unique index, so nothing depends on it there. A failure to create it is logged, not fatal: the sweep still
 * works, only slower.
 */
@Component
class RecheckIndex implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RecheckIndex.class);
    static final String NAME = "recheck_due";
    /** The keys, in the order the query uses them: the equality first, then the range. */
    static final Document KEYS = new Document("status", 1).append("approvalTerms.upgradeStart", 1);

    private final MongoTemplate mongo;
    private volatile boolean running;

    RecheckIndex(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void start() {
        ensure();
        running = true;
    }

    void ensure() {
        String collection = mongo.getCollectionName(RequestReview.class);
        try {
            mongo.indexOps(collection).createIndex(new CompoundIndexDefinition(KEYS).named(NAME));
        } catch (RuntimeException e) {
            log.warn("Could not create the index {} on {}: {}", NAME, collection, e.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
