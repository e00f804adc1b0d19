package dev.upgradeassist.platform.messaging;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.AcknowledgingConsumerAwareMessageListener;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.listener.adapter.AbstractDelegatingMessageListenerAdapter;
import org.springframework.kafka.support.Acknowledgment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Runs a service's listener containers so that its handlers may defer writes to the end of a poll ({@link PollWrites};
 * issue 22, docs/adr/0032): the records of a poll are handled one by one as before, the writes they deferred are made
 * together when the container has handed the poll's last record over (its {@code clearThreadState}, before its next
 * poll), and only then are their offsets acknowledged: at most every {@code acknowledgeEvery} (the listener's
 * {@code ack-time}), so that the containers commit no more often than those of the other services.
 * <ul>
 *   <li>The containers acknowledge manually ({@link ContainerProperties.AckMode#MANUAL}): the container commits what
 *       was acknowledged before its next poll, so no offset is committed past a record whose writes are not made.
 *       A crash before the writes loses nothing: the records are delivered again.</li>
 *   <li>When a record's handler fails, the writes of the records before it are made before the error handler
 *       commits their offsets. When they cannot be made, the record fails with that failure instead, as an outage
 *       (retried until the store takes them, never dead-lettered): the error handler then commits nothing past it.</li>
 *   <li>A flush that fails at the end of a poll keeps what it could not make; the next record is handled only after
 *       it is made.</li>
 * </ul>
 */
public final class PolledBatchWrites {

    private static final Logger log = LoggerFactory.getLogger(PolledBatchWrites.class);

    private static final ThreadLocal<Boolean> HANDLING = new ThreadLocal<>();

    private final PollWrites writes;
    private final long acknowledgeEveryNanos;
    private final LongSupplier nanoTime;
    /** Records handled whose writes are not made yet. */
    private final ThreadLocal<List<Held>> unflushed = ThreadLocal.withInitial(ArrayList::new);
    /** Records whose writes are made, not acknowledged yet (they wait for {@link #acknowledgeEveryNanos}). */
    private final ThreadLocal<List<Held>> flushed = ThreadLocal.withInitial(ArrayList::new);
    /** When this thread last acknowledged ({@link System#nanoTime()}'s origin is arbitrary: null before the first). */
    private final ThreadLocal<Long> lastAcknowledged = new ThreadLocal<>();
    private final ThreadLocal<Boolean> flushFailed = new ThreadLocal<>();

    /** Acknowledges the records of each poll once its writes are made. */
    public PolledBatchWrites(PollWrites writes) {
        this(writes, Duration.ZERO, System::nanoTime);
    }

    /**
     * @param acknowledgeEvery how long records whose writes are made may wait for their acknowledgment, so that a
     *                         container commits its offsets at most this often (every commit is a synchronous round
     *                         trip and a write to {@code __consumer_offsets}), as {@code ack-mode: time} does for the
     *                         other services: records made but not yet committed when the process stops are delivered
     *                         again and found applied
     */
    public PolledBatchWrites(PollWrites writes, Duration acknowledgeEvery, LongSupplier nanoTime) {
        this.writes = writes;
        this.acknowledgeEveryNanos = acknowledgeEvery.toNanos();
        this.nanoTime = nanoTime;
    }

    /** A record's acknowledgment and its partition (null when not known). */
    private record Held(TopicPartition partition, Acknowledgment acknowledgment) {
    }

    /** True while this thread handles a record of a container run by this class: a write may be deferred. */
    public static boolean deferring() {
        return Boolean.TRUE.equals(HANDLING.get());
    }

    /**
     * The customizer that makes each listener container acknowledge manually, wraps its listener in
     * {@link #handle} and flushes at the end of each poll (with {@code interceptor}, the service's own record
     * interceptor, still applied).
     */
    public ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> customizer() {
        return container -> {
            container.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
            Object listener = container.getContainerProperties().getMessageListener();
            if (!(listener instanceof MessageListener<?, ?> recordListener)) {
                throw new IllegalStateException("Deferred writes need a record listener, not " + listener);
            }
            @SuppressWarnings("unchecked")
            MessageListener<Object, Object> typed = (MessageListener<Object, Object>) recordListener;
            container.setupMessageListener(new Listener(typed, this));
            RecordInterceptor<Object, Object> own = container.getRecordInterceptor();
            RecordInterceptor<Object, Object> endOfPoll = new EndOfPoll(this);
            container.setRecordInterceptor(own == null ? endOfPoll : new CompositeRecordInterceptor<>(own, endOfPoll));
        };
    }

    /** Handles one record: its deferred writes wait for the end of the poll, and so does its acknowledgment. */
    void handle(Acknowledgment acknowledgment, Runnable handler) {
        handle(null, acknowledgment, handler);
    }

    void handle(TopicPartition partition, Acknowledgment acknowledgment, Runnable handler) {
        if (Boolean.TRUE.equals(flushFailed.get())) {
            // nothing new is handled before what an earlier poll deferred is made
            flushOrFailAsOutage(null);
        }
        HANDLING.set(Boolean.TRUE);
        try {
            handler.run();
        } catch (RuntimeException e) {
            HANDLING.remove();
            // the records before this one are done: their writes are made before the error handler commits them
            flushOrFailAsOutage(e);
            throw e;
        } finally {
            HANDLING.remove();
        }
        if (acknowledgment != null) {
            unflushed.get().add(new Held(partition, acknowledgment));
        }
    }

    /** As {@link #endOfPoll(Consumer)} without the consumer: no partition is known to be revoked. */
    void endOfPoll() {
        endOfPoll(null);
    }

    /**
     * The container is done with a poll: makes its deferred writes, and acknowledges the records whose writes are made
     * when the last acknowledgment is {@code acknowledgeEvery} old (those of partitions {@code consumer} no longer has
     * are dropped: their new owner reads them again).
     */
    void endOfPoll(Consumer<?, ?> consumer) {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("The writes of a poll could not be made; they are retried before the next record: {}", e.toString());
        }
        long now = nanoTime.getAsLong();
        Long last = lastAcknowledged.get();
        if (last == null || now - last >= acknowledgeEveryNanos) {
            acknowledgeFlushed(consumer);
            lastAcknowledged.set(now);
        }
    }

    private void flushOrFailAsOutage(RuntimeException recordFailure) {
        try {
            flush();
            // before the error handler commits the failing record's own offset (a dead letter), nothing waits
            acknowledgeFlushed(null);
        } catch (RuntimeException e) {
            var outage = new TransientDataAccessResourceException(
                    "The writes of the records handled before could not be made", e);
            if (recordFailure != null) {
                outage.addSuppressed(recordFailure);
            }
            throw outage;
        }
    }

    private void flush() {
        if (writes.holding()) {
            try {
                writes.flush();
                flushFailed.remove();
            } catch (RuntimeException e) {
                flushFailed.set(Boolean.TRUE);
                throw e;
            }
        }
        List<Held> made = unflushed.get();
        flushed.get().addAll(made);
        made.clear();
    }

    private void acknowledgeFlushed(Consumer<?, ?> consumer) {
        List<Held> made = flushed.get();
        if (made.isEmpty()) {
            return;
        }
        Set<TopicPartition> assigned = consumer == null ? null : consumer.assignment();
        for (Held held : made) {
            if (assigned == null || held.partition() == null || assigned.contains(held.partition())) {
                held.acknowledgment().acknowledge();
            }
        }
        made.clear();
    }

    /** The container's listener, wrapped: seek callbacks (the operator replay) still reach the listener bean. */
    static final class Listener extends AbstractDelegatingMessageListenerAdapter<MessageListener<Object, Object>>
            implements AcknowledgingConsumerAwareMessageListener<Object, Object> {

        private final PolledBatchWrites writes;

        Listener(MessageListener<Object, Object> delegate, PolledBatchWrites writes) {
            super(delegate);
            this.writes = writes;
        }

        @Override
        public void onMessage(ConsumerRecord<Object, Object> record, Acknowledgment acknowledgment,
                              Consumer<?, ?> consumer) {
            // the delegate is given no acknowledgment: this class acknowledges once the record's writes are made
            writes.handle(new TopicPartition(record.topic(), record.partition()), acknowledgment, () -> {
                switch (delegateType) {
                    case ACKNOWLEDGING_CONSUMER_AWARE -> delegate.onMessage(record, null, consumer);
                    case ACKNOWLEDGING -> delegate.onMessage(record, (Acknowledgment) null);
                    case CONSUMER_AWARE -> delegate.onMessage(record, consumer);
                    case SIMPLE -> delegate.onMessage(record);
                }
            });
        }

        @Override
        public void onMessage(ConsumerRecord<Object, Object> data) {
            onMessage(data, null, null);
        }
    }

    /** Flushes when the container is done with a poll (it calls this after every poll, records or none). */
    static final class EndOfPoll implements RecordInterceptor<Object, Object> {

        private final PolledBatchWrites writes;

        EndOfPoll(PolledBatchWrites writes) {
            this.writes = writes;
        }

        @Override
        public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
                                                        Consumer<Object, Object> consumer) {
            return record;
        }

        @Override
        public void clearThreadState(Consumer<?, ?> consumer) {
            writes.endOfPoll(consumer);
        }
    }
}
