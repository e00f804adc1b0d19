package dev.upgradeassist.platform.messaging;

import dev.upgradeassist.platform.outbox.AggregateRoot;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.Outcome;
import dev.upgradeassist.platform.outbox.Target;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Batches the reads of a hop (issue 22): when a listener's consumer polls, the aggregates its records name (their
 * keys, the request ids) are read with one {@code _id $in} query per type, and each record's handler then starts from
 * its copy ({@link #take}) instead of reading the aggregate itself. Under a backlog a poll brings hundreds of records,
 * so one query replaces hundreds of reads; a lone record costs the same one read as before.
 * <p>
 * A copy read at the poll may be stale by the time its record is handled (another thread wrote the aggregate
 * meanwhile): it is only ever a {@code startingFrom} of {@link dev.upgradeassist.platform.outbox.Target}, whose write is
 * version-checked, so a stale copy costs a conflict and a fresh read, never a lost update; an event id it does not
 * show as applied is checked again on the fresh read. A handler that writes the aggregate {@link #keep}s what it wrote,
 * for a later record of the same key in the batch.
 * <p>
 * The copies belong to the consumer's thread (Kafka polls on the listener's thread, and the records of the poll are
 * handled there before the next one), and each poll replaces them. A failed read (MongoDB away) leaves none: every
 * handler reads for itself, as before, and meets the outage there.
 * <p>
 * A topic may also have some fields of a collection read ahead ({@link FieldsAhead}): one {@code _id $in} query with a
 * projection, kept as plain documents (nothing mapped), which every record of the poll may look at
 * ({@link #readAhead}); they are never written back, so a handler must tolerate a copy older than the document is by
 * the time it looks (it was read after every record of the poll was published).
 */
public class PolledBatchReads {

    private static final Logger log = LoggerFactory.getLogger(PolledBatchReads.class);

    private final MongoTemplate mongo;
    private final Map<String, List<Class<? extends AggregateRoot>>> typesByTopic;
    private final Map<Class<? extends AggregateRoot>, List<String>> unreadByType;
    private final Map<Class<? extends AggregateRoot>, Set<String>> unreadPropertiesByType = new HashMap<>();
    private final ThreadLocal<Map<Class<?>, Map<String, AggregateRoot>>> held = ThreadLocal.withInitial(HashMap::new);
    private final Map<String, FieldsAhead> fieldsByTopic;
    /** Collection → id → the fields read ahead; an id read but not found maps to null. */
    private final ThreadLocal<Map<String, Map<String, Document>>> fieldCopies = ThreadLocal.withInitial(HashMap::new);

    /** Fields of the documents of {@code collection} that a topic's records name by their keys, read at each poll. */
    public record FieldsAhead(String collection, List<String> fields) {
        public FieldsAhead {
            fields = List.copyOf(fields);
        }
    }

    /**
     * @param typesByTopic for the records of each topic, the aggregate types (each in its mapped collection) whose
     *                     documents with the record's key as {@code _id} its handler reads
     */
    public PolledBatchReads(MongoTemplate mongo, Map<String, List<Class<? extends AggregateRoot>>> typesByTopic) {
        this(mongo, typesByTopic, Map.of());
    }

    /**
     * @param unreadByType for a type whose handlers never look at some of its stored fields, those fields (property
     *                     paths, such as {@code submission.upgradePlan}): the poll reads its copies without them, so
     *                     they are neither sent nor mapped. Each such copy says what it was read without
     *                     ({@link AggregateRoot#readWithout}), and the store reads the aggregate whole before a
     *                     write that would store any of it.
     */
    public PolledBatchReads(MongoTemplate mongo, Map<String, List<Class<? extends AggregateRoot>>> typesByTopic,
                            Map<Class<? extends AggregateRoot>, List<String>> unreadByType) {
        this(mongo, typesByTopic, unreadByType, Map.of());
    }

    /**
     * @param fieldsByTopic for the records of each topic, the fields of documents (named by the records' keys) read
     *                      ahead as plain documents ({@link #readAhead})
     */
    public PolledBatchReads(MongoTemplate mongo, Map<String, List<Class<? extends AggregateRoot>>> typesByTopic,
                            Map<Class<? extends AggregateRoot>, List<String>> unreadByType,
                            Map<String, FieldsAhead> fieldsByTopic) {
        this.mongo = mongo;
        this.fieldsByTopic = Map.copyOf(fieldsByTopic);
        this.typesByTopic = Map.copyOf(typesByTopic);
        this.unreadByType = Map.copyOf(unreadByType);
        this.unreadByType.forEach((type, paths) -> unreadPropertiesByType.put(type, topLevel(paths)));
    }

    /**
     * Reads ahead nothing (no topic is read here): {@link #apply} is then the store's own; for a service or a setting
     * without batched reads, so that its handlers need not ask whether there are any.
     */
    public static PolledBatchReads none() {
        return new PolledBatchReads(null, Map.of());
    }

    /**
     * {@link AggregateStore#apply} for a record's handler: it starts from this thread's copy of the target's aggregate
     * when the poll read it ({@link #take}, then {@link Target#startingFrom}: version-checked like any held copy, so a
     * stale copy costs a conflict and a fresh read), and {@link #keep}s what it found or wrote for a later record of
     * the same key in the batch.
     */
    public <T extends AggregateRoot, R> Outcome<T, R> apply(AggregateStore store, Target<T> target,
                                                            Function<? super T, ? extends R> command) {
        T polled = take(target.type(), target.id());
        Outcome<T, R> outcome = store.apply(polled == null ? target : target.startingFrom(polled), command);
        outcome.aggregateIfFound().ifPresent(this::keep);
        return outcome;
    }

    /**
     * As {@link #apply}, with {@link AggregateStore#applyToFields}: a command that changes only {@code fields} of an
     * aggregate that exists writes those fields, not the whole document.
     */
    public <T extends AggregateRoot, R> Outcome<T, R> applyToFields(AggregateStore store, Target<T> target,
                                                                    Function<? super T, ? extends R> command,
                                                                    Predicate<? super R> writeWhen, List<String> fields) {
        T polled = take(target.type(), target.id());
        Outcome<T, R> outcome = store.applyToFields(polled == null ? target : target.startingFrom(polled), command,
                writeWhen, fields);
        outcome.aggregateIfFound().ifPresent(this::keep);
        return outcome;
    }

    /** The consumer of this thread polled {@code records}: forgets the last poll's copies and reads this one's. */
    public void polled(ConsumerRecords<?, ?> records) {
        Map<Class<?>, Map<String, AggregateRoot>> copies = held.get();
        copies.clear();
        if (!fieldsByTopic.isEmpty()) {
            fieldCopies.get().clear();
        }
        if (records.isEmpty()) {
            return;
        }
        Map<Class<? extends AggregateRoot>, Set<String>> wanted = new LinkedHashMap<>();
        Map<FieldsAhead, Set<String>> fieldsWanted = new LinkedHashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<Class<? extends AggregateRoot>> types = typesByTopic.getOrDefault(partition.topic(), List.of());
            FieldsAhead fields = fieldsByTopic.get(partition.topic());
            if (types.isEmpty() && fields == null) {
                continue;
            }
            for (ConsumerRecord<?, ?> record : records.records(partition)) {
                if (record.key() instanceof String key && !key.isBlank()) {
                    types.forEach(type -> wanted.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(key));
                    if (fields != null) {
                        fieldsWanted.computeIfAbsent(fields, f -> new LinkedHashSet<>()).add(key);
                    }
                }
            }
        }
        fieldsWanted.forEach(this::readFields);
        wanted.forEach((type, ids) -> {
            try {
                Query query = new Query(Criteria.where("_id").in(ids));
                List<String> unread = unreadByType.getOrDefault(type, List.of());
                unread.forEach(path -> query.fields().exclude(path));
                Set<String> unreadProperties = unreadPropertiesByType.getOrDefault(type, Set.of());
                Map<String, AggregateRoot> byId = new HashMap<>();
                for (AggregateRoot found : mongo.find(query, type)) {
                    if (!unreadProperties.isEmpty()) {
                        found.readWithout(unreadProperties);
                    }
                    byId.put(found.id(), found);
                }
                copies.put(type, byId);
            } catch (RuntimeException e) {
                // each handler reads for itself (and meets the outage there)
                log.debug("Could not read the {} of a polled batch: {}", type.getSimpleName(), e.toString());
            }
        });
    }

    private void readFields(FieldsAhead fields, Set<String> ids) {
        try {
            Query query = new Query(Criteria.where("_id").in(ids));
            fields.fields().forEach(field -> query.fields().include(field));
            Map<String, Document> byId = new HashMap<>();
            ids.forEach(id -> byId.put(id, null));
            for (Document found : mongo.find(query, Document.class, fields.collection())) {
                if (found.get("_id") instanceof String id) {
                    byId.put(id, found);
                }
            }
            fieldCopies.get().computeIfAbsent(fields.collection(), c -> new HashMap<>()).putAll(byId);
        } catch (RuntimeException e) {
            // each handler reads for itself (and meets the outage there)
            log.debug("Could not read ahead the fields of {} for a polled batch: {}", fields.collection(), e.toString());
        }
    }

    /**
     * The fields of document {@code id} in {@code collection} as this thread's last poll read them ahead (empty when it
     * found no such document); when the poll did not read them (not of a topic read ahead here, or the read failed),
     * what {@code otherwise} reads now (null: no such document).
     */
    public Optional<Document> readAhead(String collection, String id, Function<String, Document> otherwise) {
        Map<String, Document> copies = fieldsByTopic.isEmpty() ? null : fieldCopies.get().get(collection);
        if (copies != null && id != null && copies.containsKey(id)) {
            return Optional.ofNullable(copies.get(id));
        }
        return Optional.ofNullable(otherwise.apply(id));
    }

    /** The top-level property of each path: a property left out in part is not read whole either. */
    private static Set<String> topLevel(List<String> paths) {
        Set<String> properties = new LinkedHashSet<>();
        for (String path : paths) {
            int dot = path.indexOf('.');
            properties.add(dot < 0 ? path : path.substring(0, dot));
        }
        return properties;
    }

    /**
     * This thread's copy of the aggregate as the last poll read it (or as a handler of this batch {@link #keep}s it),
     * once: a second call for it answers null until it is kept again. Null when the poll did not read it (not of a
     * topic read here, absent, or the read failed): the caller reads it as before.
     */
    public <T extends AggregateRoot> T take(Class<T> type, String id) {
        Map<String, AggregateRoot> copies = held.get().get(type);
        if (copies == null || id == null) {
            return null;
        }
        AggregateRoot copy = copies.remove(id);
        return type.isInstance(copy) ? type.cast(copy) : null;
    }

    /** A handler of this batch wrote {@code aggregate}: a later record of the same key starts from it. */
    public void keep(AggregateRoot aggregate) {
        if (aggregate == null || aggregate.id() == null) {
            return;
        }
        Map<String, AggregateRoot> copies = held.get().get(aggregate.getClass());
        if (copies != null) {
            copies.put(aggregate.id(), aggregate);
        }
    }
}
