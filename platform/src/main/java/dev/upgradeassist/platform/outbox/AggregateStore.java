package dev.upgradeassist.platform.outbox;

import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.platform.messaging.EventMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.bson.Document;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.convert.QueryMapper;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import java.util.List;
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
    /** Maps the {@code {_id, version}} filter of a field write (made on first use; stateless, so a race costs nothing). */
    private volatile QueryMapper queryMapper;

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

    /**
     * Inserts new aggregates of one type with one unordered {@code insert} command (issue 22: the writes of a polled
     * batch). Each is inserted or not on its own, as {@link #insert} would: an id that exists already is reported,
     * not thrown, and the others are inserted all the same. Each inserted aggregate is at version 0 and its events go
     * to the relay, as after {@link #insert}.
     *
     * @return which of them (their positions in the list) existed already and which were not inserted for another
     *         reason, with the first such failure
     * @throws org.springframework.dao.DataAccessException when the command failed as a whole (nothing is known to be
     *         inserted: the caller tries them all again, and finds any inserted meanwhile existing)
     */
    public <T extends AggregateRoot> InsertedAll insertAll(List<T> aggregates) {
        if (aggregates.isEmpty()) {
            return new InsertedAll(java.util.Set.of(), java.util.Set.of(), null);
        }
        String collection = mongo.getCollectionName(aggregates.get(0).getClass());
        List<Document> documents = new java.util.ArrayList<>(aggregates.size());
        for (T aggregate : aggregates) {
            aggregate.stageRaisedEvents();
            if (aggregate.version == null) {
                aggregate.version = 0L;
            }
            Document document = new Document();
            mongo.getConverter().write(aggregate, document);
            documents.add(document);
        }
        java.util.Set<Integer> notInserted = new java.util.HashSet<>();
        java.util.Set<Integer> existed = new java.util.TreeSet<>();
        java.util.Set<Integer> failed = new java.util.TreeSet<>();
        RuntimeException failure = null;
        try {
            mongo.getCollection(collection).insertMany(documents,
                    new com.mongodb.client.model.InsertManyOptions().ordered(false));
        } catch (com.mongodb.MongoBulkWriteException e) {
            for (com.mongodb.bulk.BulkWriteError error : e.getWriteErrors()) {
                notInserted.add(error.getIndex());
                if (error.getCategory() == com.mongodb.ErrorCategory.DUPLICATE_KEY) {
                    existed.add(error.getIndex());
                } else {
                    failed.add(error.getIndex());
                    failure = failure != null ? failure : translated(e);
                }
            }
            if (e.getWriteConcernError() != null) {
                // acknowledged without the write concern: treated as not written, so tried again
                for (int i = 0; i < aggregates.size(); i++) {
                    if (notInserted.add(i)) {
                        failed.add(i);
                    }
                }
                failure = failure != null ? failure : translated(e);
            }
        } catch (RuntimeException e) {
            throw translated(e);
        }
        for (int i = 0; i < aggregates.size(); i++) {
            if (!notInserted.contains(i)) {
                handToRelay(collection, aggregates.get(i));
            }
        }
        return new InsertedAll(existed, failed, failure);
    }

    private RuntimeException translated(RuntimeException e) {
        RuntimeException translated = mongo.getExceptionTranslator().translateExceptionIfPossible(e);
        return translated != null ? translated : e;
    }

    /**
     * What {@link #insertAll} did not insert, by position in the list it was given: those whose id existed already
     * (a second aggregate with the id of an earlier one in the same list among them), and those that failed for
     * another reason ({@code failure} says the first such reason; null when none failed).
     */
    public record InsertedAll(java.util.Set<Integer> existed, java.util.Set<Integer> failed, RuntimeException failure) {
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
        return apply(target, command, writeWhen, null);
    }

    /**
     * As {@link #apply(Target, Function, Predicate)} for a command that changes only {@code fields} (property names)
     * of an aggregate that exists: instead of replacing the whole document, the write sets those fields as the mapping
     * stores them (a null one is removed, as a whole write leaves it out), appends the events the command raised to the
     * outbox, records the cause and moves the version on, on the condition that the version is still the one the
     * command started from (a conflict reads the aggregate and runs the command again, as always). For a large document
     * whose command changes a few small fields, such as a ledger entry with its rendered email marked sent, it spares
     * mapping, sending and storing the rest again. A change the command makes to any other field is not written: a
     * command that uses this must keep to its fields (its tests compare the stored document with a whole write's).
     */
    public <T extends AggregateRoot, R> Outcome<T, R> applyToFields(Target<T> target,
                                                                    Function<? super T, ? extends R> command,
                                                                    Predicate<? super R> writeWhen, List<String> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("no fields to write");
        }
        return apply(target, command, writeWhen, List.copyOf(fields));
    }

    /** @param fields the properties to write, or null for the whole document */
    private <T extends AggregateRoot, R> Outcome<T, R> apply(Target<T> target, Function<? super T, ? extends R> command,
                                                             Predicate<? super R> writeWhen, List<String> fields) {
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
        if (held != null && !held.writableAs(fields)) {
            // read without some of what this write would store: start from the whole aggregate instead
            log.debug("{} {} was read in part: reading it whole", target.type().getSimpleName(), target.id());
            held = null;
        }
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
            List<OutboxMessage> staged = aggregate.stageNewEvents();
            try {
                T saved = fresh ? mongo.insert(aggregate, collection)
                        : fields == null || aggregate.version() == null ? mongo.save(aggregate, collection)
                        : writeFields(aggregate, collection, fields, staged, target.cause());
                handToRelay(collection, saved);
                return new Outcome<>(Outcome.Status.WRITTEN, saved, result);
            } catch (OptimisticLockingFailureException | DuplicateKeyException e) {
                backOff = retryOrGiveUp(backOff, e);
            }
        }
    }

    /**
     * Writes {@code fields} of the aggregate, the outbox messages just staged and the cause's id, and moves the version
     * on, if the stored version is still the aggregate's; else throws {@link OptimisticLockingFailureException}.
     */
    private <T extends AggregateRoot> T writeFields(T aggregate, String collection, List<String> fields,
                                                    List<OutboxMessage> staged, DomainEvent cause) {
        MongoConverter converter = mongo.getConverter();
        MongoPersistentEntity<?> entity = converter.getMappingContext().getRequiredPersistentEntity(aggregate.getClass());
        PersistentPropertyAccessor<T> accessor = entity.getPropertyAccessor(aggregate);
        // the update is built as the mapping stores each field (its stored name, the value converted for its declared
        // type), not through Spring Data's update mapper, which resolves every key as a property path again
        Document set = new Document();
        Document unset = new Document();
        for (String field : fields) {
            MongoPersistentProperty property = entity.getRequiredPersistentProperty(field);
            Object value = accessor.getProperty(property);
            if (value == null) {
                unset.put(property.getFieldName(), "");
            } else {
                set.put(property.getFieldName(), converter.convertToMongoType(value, property.getTypeInformation()));
            }
        }
        Document update = new Document("$inc", new Document("version", 1));
        if (!set.isEmpty()) {
            update.put("$set", set);
        }
        if (!unset.isEmpty()) {
            update.put("$unset", unset);
        }
        if (!staged.isEmpty()) {
            MongoPersistentProperty outbox = entity.getRequiredPersistentProperty("outbox");
            var messageType = outbox.getTypeInformation().getRequiredComponentType();
            List<Object> messages = staged.stream().map(message -> converter.convertToMongoType(message, messageType))
                    .toList();
            update.put("$push", new Document(outbox.getFieldName(), new Document("$each", messages)));
        }
        if (cause != null) {
            update.put("$addToSet", new Document("appliedEventIds", cause.eventId()));
        }
        Query unchanged = new Query(Criteria.where("_id").is(aggregate.id()).and("version").is(aggregate.version()));
        Document filter = queryMapper().getMappedObject(unchanged.getQueryObject(), entity);
        long matched;
        try {
            matched = mongo.getCollection(collection).updateOne(filter, update).getMatchedCount();
        } catch (RuntimeException e) {
            // as the template's own writes report it: a driver error becomes Spring's (a duplicate key, a timeout)
            RuntimeException translated = mongo.getExceptionTranslator().translateExceptionIfPossible(e);
            throw translated != null ? translated : e;
        }
        if (matched == 0) {
            throw new OptimisticLockingFailureException(aggregate.getClass().getSimpleName() + " " + aggregate.id()
                    + " is no longer at version " + aggregate.version());
        }
        aggregate.versionWritten();
        return aggregate;
    }

    private QueryMapper queryMapper() {
        QueryMapper mapper = queryMapper;
        if (mapper == null) {
            mapper = new QueryMapper(mongo.getConverter());
            queryMapper = mapper;
        }
        return mapper;
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
