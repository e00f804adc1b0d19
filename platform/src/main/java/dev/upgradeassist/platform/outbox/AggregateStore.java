package dev.upgradeassist.platform.outbox;

import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.platform.messaging.EventMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Loads and saves aggregates with optimistic locking, so that state, outbox and applied event ids
 * change together or not at all, and wakes the outbox relay after every write.
 */
public class AggregateStore {

    private static final Logger log = LoggerFactory.getLogger(AggregateStore.class);
    /**
     * Waits between attempts when writers contend for one document: the first retry at once (the usual conflict is
     * one other write, such as the relay's removal), then exponentially longer, jittered waits so that many writers
     * of one document do not collide again in lockstep; about 2 s in all before the conflict is given up.
     */
    private static final BackOff CONTENTION = contentionBackOff();

    private final MongoTemplate mongo;
    private final OutboxRelay relay;
    private final EventMetrics metrics;

    public AggregateStore(MongoTemplate mongo, OutboxRelay relay, EventMetrics metrics) {
        this.mongo = mongo;
        this.relay = relay;
        this.metrics = metrics;
    }

    public <T extends AggregateRoot> Optional<T> find(Class<T> type, String id) {
        return Optional.ofNullable(mongo.findById(id, type));
    }

    /** Inserts a new aggregate; throws {@link DuplicateKeyException} when the id exists. */
    public <T extends AggregateRoot> T insert(T aggregate) {
        T saved = mongo.insert(aggregate);
        wakeUpIfPending(mongo.getCollectionName(aggregate.getClass()), saved);
        return saved;
    }

    /**
     * Saves an aggregate the caller has just read and changed, on the condition that nobody changed it since
     * (one {@code replaceOne({_id, version})}, no read): for a caller that holds the current document anyway.
     *
     * @throws OptimisticLockingFailureException when it was changed meanwhile; then use {@link #update}
     */
    public <T extends AggregateRoot> T save(T aggregate) {
        T saved = mongo.save(aggregate);
        wakeUpIfPending(mongo.getCollectionName(aggregate.getClass()), saved);
        return saved;
    }

    /**
     * Loads, changes and saves an existing aggregate, retrying on a concurrent change.
     *
     * @return the saved aggregate, or empty when there is none with this id
     */
    public <T extends AggregateRoot> Optional<T> update(Class<T> type, String id, Consumer<T> change) {
        return updateIfChanged(type, id, aggregate -> {
            change.accept(aggregate);
            return true;
        });
    }

    /**
     * As {@link #update}, for a change that may find nothing to do: when {@code change} returns false the aggregate
     * is not written (no version bump, and its outbox, which may still hold events the relay is publishing, is not
     * handed to the relay a second time).
     *
     * @return the saved aggregate, or as read when nothing changed; empty when there is none with this id
     */
    public <T extends AggregateRoot> Optional<T> updateIfChanged(Class<T> type, String id,
                                                                 java.util.function.Predicate<T> change) {
        for (BackOffExecution backOff = null; ; ) {
            T aggregate = mongo.findById(id, type);
            if (aggregate == null) {
                return Optional.empty();
            }
            if (!change.test(aggregate)) {
                return Optional.of(aggregate);
            }
            try {
                T saved = mongo.save(aggregate);
                wakeUpIfPending(mongo.getCollectionName(type), saved);
                return Optional.of(saved);
            } catch (OptimisticLockingFailureException e) {
                backOff = retryOrGiveUp(backOff, e);
            }
        }
    }

    /**
     * Applies an incoming event to the aggregate it concerns exactly once: the event id is recorded
     * in the same document update as the effect, and a second delivery changes nothing.
     *
     * @param creator makes the aggregate when this is the first event about it
     * @return true when the event was applied now, false when it had been applied before
     */
    public <T extends AggregateRoot> boolean apply(Class<T> type, String id, Supplier<T> creator,
                                                   DomainEvent cause, Consumer<T> change) {
        return apply(mongo.getCollectionName(type), type, id, creator, cause, change);
    }

    /**
     * Applies an incoming event exactly once to an aggregate that this service created itself, when it exists: an
     * event about an id the service does not know creates nothing (the event id is recorded with the effect, as in
     * {@link #apply(Class, String, Supplier, DomainEvent, Consumer)}). A redelivery is not counted as a duplicate here:
     * this is for a second effect of a record whose first effect (a read model's projection) counts it.
     *
     * @return true when the event was applied now; false when it had been applied before or there is no such aggregate
     */
    public <T extends AggregateRoot> boolean applyToExisting(Class<T> type, String id, DomainEvent cause,
                                                             Consumer<T> change) {
        String collection = mongo.getCollectionName(type);
        for (BackOffExecution backOff = null; ; ) {
            T aggregate = mongo.findById(id, type, collection);
            if (aggregate == null) {
                return false;
            }
            if (aggregate.hasApplied(cause.eventId())) {
                return false; // not counted as a duplicate: the caller's projection of the same record counts it
            }
            change.accept(aggregate);
            aggregate.markApplied(cause.eventId());
            try {
                mongo.save(aggregate, collection);
                wakeUpIfPending(collection, aggregate);
                return true;
            } catch (OptimisticLockingFailureException e) {
                backOff = retryOrGiveUp(backOff, e);
            }
        }
    }

    /**
     * As {@link #apply(Class, String, Supplier, DomainEvent, Consumer)}, for an event that nearly always creates its
     * aggregate (a request's first event): the new aggregate is inserted first, without a read; when the id exists
     * (a redelivery, a replay, or another event that got there first) it falls back to {@code apply}, which reads
     * the aggregate and applies the event once. {@code change} may run twice, as it may in {@code apply} on a
     * concurrent change: effects outside the aggregate belong after the call, when it returned true.
     */
    public <T extends AggregateRoot> boolean applyToNew(Class<T> type, String id, Supplier<T> creator,
                                                        DomainEvent cause, Consumer<T> change) {
        String collection = mongo.getCollectionName(type);
        T aggregate = creator.get();
        change.accept(aggregate);
        aggregate.markApplied(cause.eventId());
        try {
            mongo.insert(aggregate, collection);
        } catch (DuplicateKeyException e) {
            return apply(collection, type, id, creator, cause, change);
        }
        wakeUpIfPending(collection, aggregate);
        return true;
    }

    /**
     * As {@link #apply(Class, String, Supplier, DomainEvent, Consumer)}, in another collection of the same
     * type, e.g. a new version of a projection being rebuilt beside the live one.
     */
    public <T extends AggregateRoot> boolean apply(String collection, Class<T> type, String id, Supplier<T> creator,
                                                   DomainEvent cause, Consumer<T> change) {
        for (BackOffExecution backOff = null; ; ) {
            T aggregate = mongo.findById(id, type, collection);
            boolean fresh = aggregate == null;
            if (fresh) {
                aggregate = creator.get();
            }
            if (aggregate.hasApplied(cause.eventId())) {
                metrics.duplicate();
                log.debug("Event {} already applied to {} {}", cause.eventId(), type.getSimpleName(), id);
                return false;
            }
            change.accept(aggregate);
            aggregate.markApplied(cause.eventId());
            try {
                if (fresh) {
                    mongo.insert(aggregate, collection);
                } else {
                    mongo.save(aggregate, collection);
                }
                wakeUpIfPending(collection, aggregate);
                return true;
            } catch (OptimisticLockingFailureException | DuplicateKeyException e) {
                backOff = retryOrGiveUp(backOff, e);
            }
        }
    }

    /**
     * Hands the document's outbox, as just written, to the relay, which publishes it without reading the
     * document again; a write that left no event pending (most read-model updates) costs the relay nothing.
     */
    private void wakeUpIfPending(String collection, AggregateRoot saved) {
        if (!saved.pendingEvents().isEmpty()) {
            relay.published(collection, saved.getId(), saved.getVersion(), saved.pendingEvents());
        }
    }

    /** @return the back-off to pass to the next conflict of the same call; throws {@code e} when it is spent */
    private static BackOffExecution retryOrGiveUp(BackOffExecution backOff, RuntimeException e) {
        BackOffExecution execution = backOff == null ? CONTENTION.start() : backOff;
        long wait = execution.nextBackOff();
        if (wait == BackOffExecution.STOP) {
            throw e;
        }
        log.debug("Concurrent change, retrying in {} ms", backOff == null ? 0 : wait);
        if (backOff != null) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw e;
            }
        }
        return execution;
    }

    private static BackOff contentionBackOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(2, 1.5);
        backOff.setJitter(2);
        backOff.setMaxInterval(50);
        backOff.setMaxAttempts(60);
        return backOff;
    }
}
