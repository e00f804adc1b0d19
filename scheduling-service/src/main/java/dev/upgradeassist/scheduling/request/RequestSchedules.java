package dev.upgradeassist.scheduling.request;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The queries over {@link RequestSchedule}s that go beyond loading one by id (writes go through the platform's
 * {@code AggregateStore}). Expiry is enforced here, in the queries ({@code expiresAt > now}), not by a TTL index.
 */
@Component
public class RequestSchedules implements SmartLifecycle {

    private final MongoTemplate mongo;
    private volatile boolean running;

    public RequestSchedules(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Creates the indexes when the application starts, before the listeners and the web server do. */
    @Override
    public void start() {
        ensureIndexes();
        running = true;
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

    private void ensureIndexes() {
        IndexOperations indexes = mongo.indexOps(RequestSchedule.class);
        indexes.createIndex(new Index().on("links.tokenHash", Sort.Direction.ASC).named("link_token_hash"));
        indexes.createIndex(new Index().on("links.status", Sort.Direction.ASC).on("links.expiresAt", Sort.Direction.ASC)
                .named("link_status_expiry"));
        indexes.createIndex(new Index().on("call.engineer", Sort.Direction.ASC).on("call.start", Sort.Direction.ASC)
                .named("call_engineer_start"));
        // no engineer is booked twice for one slot, however many links race for it
        indexes.createIndex(new Index().on("call.slotKey", Sort.Direction.ASC).unique().sparse().named("call_slot_unique"));
        indexes.createIndex(new Index().on("stage", Sort.Direction.ASC).named("stage"));
        indexes.createIndex(new Index().on("call.manageTokenHash", Sort.Direction.ASC).sparse().named("call_token_hash"));
        indexes.createIndex(new Index().on("cancelledCalls.manageTokenHash", Sort.Direction.ASC)
                .named("cancelled_call_token_hash"));
    }

    /** The request whose link with this token hash can still be used at {@code now}. */
    public Optional<RequestSchedule> findByUsableLink(String tokenHash, Instant now) {
        Query query = new Query(where("links").elemMatch(where("tokenHash").is(tokenHash)
                .and("status").is(LinkStatus.ISSUED.name()).and("expiresAt").gt(now)));
        return Optional.ofNullable(mongo.findOne(query, RequestSchedule.class));
    }

    /** The request that ever had a link with this token hash, whatever its state. */
    public Optional<RequestSchedule> findByLink(String tokenHash) {
        return Optional.ofNullable(mongo.findOne(new Query(where("links.tokenHash").is(tokenHash)), RequestSchedule.class));
    }

    /** The request whose booked call has this manage token hash. */
    public Optional<RequestSchedule> findByCallToken(String manageTokenHash) {
        return Optional.ofNullable(mongo.findOne(new Query(where("call.manageTokenHash").is(manageTokenHash)),
                RequestSchedule.class));
    }

    /** The request with a cancelled call of this manage token hash. */
    public Optional<RequestSchedule> findByCancelledCallToken(String manageTokenHash) {
        return Optional.ofNullable(mongo.findOne(new Query(where("cancelledCalls.manageTokenHash").is(manageTokenHash)),
                RequestSchedule.class));
    }

    /** Starts of the calls booked with this engineer that may overlap {@code [from, to)}. */
    public List<Instant> bookedCallStarts(String engineer, Instant from, Instant to, Duration callLength) {
        Query query = new Query(where("call.engineer").is(engineer)
                .and("call.start").gt(from.minus(callLength)).lt(to));
        query.fields().include("call");
        return mongo.find(query, RequestSchedule.class).stream()
                .map(RequestSchedule::call).map(ReviewCall::start).toList();
    }

    /** Ids of requests holding a link that is still ISSUED although it has run out. */
    public List<String> withLinksRunOut(Instant now, int limit) {
        Query query = new Query(where("links").elemMatch(where("status").is(LinkStatus.ISSUED.name())
                .and("expiresAt").lte(now))).limit(limit);
        query.fields().include("_id");
        return mongo.find(query, RequestSchedule.class).stream().map(RequestSchedule::id).toList();
    }

    public long countOnHold() {
        return mongo.count(new Query(Criteria.where("stage").is(Stage.ON_HOLD.name())), RequestSchedule.class);
    }
}
