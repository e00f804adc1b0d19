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
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads aggregates, creates them, and applies commands to them with optimistic locking, so that state, outbox and
 * applied event ids change together or not at all; every write that leaves events in the outbox is handed to the
 * relay ({@link OutboxRelay#publishAfterWrite}).
 * <p>
 * There is one way to change an aggregate: {@link #apply(Target, Function, Predicate)}. The {@link Target} says
 * which aggregate, whether and how it is made when missing, and which event caused the command; the command returns
 * its own result, which the {@link Outcome} carries back with whether anything was written.
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
        aggregate.stageRaisedEvents();
        T saved = mongo.insert(aggregate);
        handToRelay(mongo.getCollectionName(aggregate.getClass()), saved);
        return saved;
    }

    /** As {@link #apply(Target, Function, Predicate)}, for a command that always changes its aggregate. */
    public <T extends AggregateRoot, R> Outcome<T, R> apply(Target<T> target, Function<? super T, ? extends R> command) {
        return apply(target, command, result -> true);
    }

    /**
     * Applies a command to the target aggregate and writes it, retrying on a concurrent change (the command then
     * runs again on the current state, so effects outside the aggregate belong after the call, when the outcome says
     * it was written).
     * <ul>
     *     <li>With a cause ({@link Target#causedBy}), the command runs once per cause: the cause's id is recorded in
     *     the same write as the effect, and a redelivery comes back {@link Outcome.Status#ALREADY_APPLIED} (counted
     *     as a duplicate, except for an {@link Target.Creation#EXISTING_ONLY} target: that is a second effect of a
     *     record whose first effect counts it).</li>
     *     <li>When {@code writeWhen} says no for the command's result, nothing is written
     *     ({@link Outcome.Status#UNCHANGED}): no version bump, and the outbox, which may still hold events the relay
     *     is publishing, is not handed to the relay again.</li>
     * </ul>
     */
    public <T extends AggregateRoot, R> Outcome<T, R> apply(Target<T> target, Function<? super T, ? extends R> command,
                                                            Predicate<? super R> writeWhen) {
        String collection = target.collection() != null ? target.collection() : mongo.getCollectionName(target.type());
        if (target.creation() == Target.Creation.INSERT_FIRST && target.current() == null) {
            T fresh = target.create();
            R result = command.apply(fresh);
            if (!writeWhen.test(result)) {
                return new Outcome<>(Outcome.Status.UNCHANGED, fresh, result);
            }
            markCause(target, fresh);
            fresh.stageRaisedEvents();
            try {
                mongo.insert(fresh, collection);
                handToRelay(collection, fresh);
                return new Outcome<>(Outcome.Status.WRITTEN, fresh, result);
            } catch (DuplicateKeyException exists) {
                log.debug("{} {} exists: reading it", target.type().getSimpleName(), target.id());
            }
        }
        T held = target.current();
        for (BackOffExecution backOff = null; ; ) {
            T aggregate = held != null ? held : mongo.findById(target.id(), target.type(), collection);
            held = null;
            boolean fresh = aggregate == null;
            if (fresh) {
                if (target.creation() == Target.Creation.EXISTING_ONLY) {
                    return new Outcome<>(Outcome.Status.NOT_FOUND, null, null);
                }
                aggregate = target.create();
            }
            DomainEvent cause = target.cause();
            if (cause != null && aggregate.hasApplied(cause.eventId())) {
                if (target.creation() != Target.Creation.EXISTING_ONLY) {
                    metrics.duplicate();
                }
                log.debug("Event {} already applied to {} {}", cause.eventId(), target.type().getSimpleName(), target.id());
                return new Outcome<>(Outcome.Status.ALREADY_APPLIED, aggregate, null);
            }
            R result = command.apply(aggregate);
            if (!writeWhen.test(result)) {
                return new Outcome<>(Outcome.Status.UNCHANGED, aggregate, result);
            }
            markCause(target, aggregate);
            aggregate.stageRaisedEvents();
            try {
                T saved = fresh ? mongo.insert(aggregate, collection) : mongo.save(aggregate, collection);
                handToRelay(collection, saved);
                return new Outcome<>(Outcome.Status.WRITTEN, saved, result);
            } catch (OptimisticLockingFailureException | DuplicateKeyException e) {
                backOff = retryOrGiveUp(backOff, e);
            }
        }
    }

    private static void markCause(Target<?> target, AggregateRoot aggregate) {
        if (target.cause() != null) {
            aggregate.markApplied(target.cause().eventId());
        }
    }

    /**
     * Hands the document's outbox, as just written, to the relay, which publishes it without reading the
     * document again; a write that left no event pending (most read-model updates) costs the relay nothing.
     */
    private void handToRelay(String collection, AggregateRoot saved) {
        if (!saved.pendingEvents().isEmpty()) {
            relay.publishAfterWrite(collection, saved.id(), saved.version(), saved.pendingEvents());
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
