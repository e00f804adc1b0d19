package dev.upgradeassist.platform.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.listener.AcknowledgingConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link PolledBatchWrites}: a record's writes wait for the end of its poll, and no record is acknowledged (so its
 * offset committed) before the writes of every record up to it are made, through failures of a handler and of the
 * store.
 */
class PolledBatchWritesTest {

    /** Deferred writes as strings; the store fails while {@link #down}. */
    static final class Writes implements PollWrites {
        final List<String> deferred = new ArrayList<>();
        final List<List<String>> flushed = new ArrayList<>();
        boolean down;

        @Override
        public boolean holding() {
            return !deferred.isEmpty();
        }

        @Override
        public void flush() {
            if (down) {
                throw new DataAccessResourceFailureException("MongoDB unreachable");
            }
            flushed.add(List.copyOf(deferred));
            deferred.clear();
        }
    }

    /** An acknowledgment that says when it was given, relative to the flushes. */
    static final class Ack implements Acknowledgment {
        final String name;
        final List<String> log;

        Ack(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public void acknowledge() {
            log.add("ack " + name);
        }
    }

    private final Writes writes = new Writes();
    private final PolledBatchWrites batch = new PolledBatchWrites(writes);
    private final List<String> log = new ArrayList<>();

    private void handle(String record) {
        batch.handle(new Ack(record, log), () -> {
            assertThat(PolledBatchWrites.deferring()).isTrue();
            writes.deferred.add(record);
        });
    }

    @Test
    void writes_wait_for_the_end_of_the_poll_and_acknowledgments_for_the_writes() {
        handle("r1");
        handle("r2");
        handle("r3");

        assertThat(writes.flushed).isEmpty();
        assertThat(log).isEmpty();
        assertThat(PolledBatchWrites.deferring()).as("outside a handler").isFalse();

        batch.endOfPoll();

        assertThat(writes.flushed).containsExactly(List.of("r1", "r2", "r3"));
        assertThat(log).containsExactly("ack r1", "ack r2", "ack r3");
    }

    @Test
    void a_failing_record_has_the_writes_before_it_made_and_acknowledged_before_the_error_handler_sees_it() {
        handle("r1");
        handle("r2");
        IllegalStateException failure = new IllegalStateException("bad record");

        assertThatThrownBy(() -> batch.handle(new Ack("r3", log), () -> {
            writes.deferred.add("r3-part");
            throw failure;
        })).isSameAs(failure);

        assertThat(writes.flushed).containsExactly(List.of("r1", "r2", "r3-part"));
        assertThat(log).containsExactly("ack r1", "ack r2");
    }

    @Test
    void when_the_writes_before_a_failing_record_cannot_be_made_it_fails_as_an_outage_and_nothing_is_acknowledged() {
        handle("r1");
        writes.down = true;

        assertThatThrownBy(() -> batch.handle(new Ack("r2", log), () -> {
            throw new IllegalArgumentException("poison");
        })).isInstanceOf(org.springframework.dao.TransientDataAccessException.class)
                .satisfies(e -> assertThat(Outages.isOutage(e)).as("retried without end, never dead-lettered").isTrue());
        assertThat(log).isEmpty();
        assertThat(writes.deferred).containsExactly("r1");

        writes.down = false;
        batch.endOfPoll();
        assertThat(writes.flushed).containsExactly(List.of("r1"));
        assertThat(log).containsExactly("ack r1");
    }

    @Test
    void a_flush_that_fails_at_the_end_of_a_poll_is_made_before_the_next_record_is_handled() {
        handle("r1");
        writes.down = true;

        batch.endOfPoll(); // logged, kept

        assertThat(log).isEmpty();
        assertThatThrownBy(() -> handle("r2")).isInstanceOf(org.springframework.dao.TransientDataAccessException.class);
        assertThat(writes.deferred).as("r2 was not handled").containsExactly("r1");

        writes.down = false;
        handle("r2");
        assertThat(writes.flushed).as("r1 made before r2 was handled").containsExactly(List.of("r1"));
        assertThat(log).containsExactly("ack r1");
        batch.endOfPoll();
        assertThat(writes.flushed).containsExactly(List.of("r1"), List.of("r2"));
        assertThat(log).containsExactly("ack r1", "ack r2");
    }

    @Test
    void made_writes_are_acknowledged_at_most_every_ack_time_so_offsets_are_committed_no_more_often() {
        long[] now = {-7_000_000_000L}; // System.nanoTime's origin is arbitrary: it may be negative
        PolledBatchWrites timed = new PolledBatchWrites(writes, java.time.Duration.ofSeconds(1), () -> now[0]);
        timed.handle(new Ack("r1", log), () -> writes.deferred.add("r1"));
        timed.endOfPoll();
        assertThat(log).as("the first poll's records: no acknowledgment for a second before").containsExactly("ack r1");

        now[0] += 300_000_000L;
        timed.handle(new Ack("r2", log), () -> writes.deferred.add("r2"));
        timed.endOfPoll();
        now[0] += 300_000_000L;
        timed.endOfPoll(); // a poll with no record

        assertThat(writes.flushed).as("made at the end of each poll").containsExactly(List.of("r1"), List.of("r2"));
        assertThat(log).as("r2 made, its acknowledgment waits").containsExactly("ack r1");

        now[0] += 400_000_000L;
        timed.endOfPoll();
        assertThat(log).containsExactly("ack r1", "ack r2");
    }

    @Test
    void a_failing_record_has_the_waiting_acknowledgments_given_before_the_error_handler_commits() {
        long[] now = {1_000_000_000L};
        PolledBatchWrites timed = new PolledBatchWrites(writes, java.time.Duration.ofSeconds(1), () -> now[0]);
        timed.endOfPoll();
        timed.handle(new Ack("r1", log), () -> writes.deferred.add("r1"));
        timed.endOfPoll();
        assertThat(log).isEmpty();

        assertThatThrownBy(() -> timed.handle(new Ack("r2", log), () -> {
            throw new IllegalStateException("bad record");
        })).hasMessage("bad record");
        assertThat(log).containsExactly("ack r1");
    }

    @Test
    void a_waiting_acknowledgment_of_a_partition_the_consumer_no_longer_has_is_dropped() {
        long[] now = {1_000_000_000L};
        PolledBatchWrites timed = new PolledBatchWrites(writes, java.time.Duration.ofSeconds(1), () -> now[0]);
        var kept = new org.apache.kafka.common.TopicPartition("topic", 0);
        var revoked = new org.apache.kafka.common.TopicPartition("topic", 1);
        var consumer = new org.apache.kafka.clients.consumer.MockConsumer<Object, Object>("earliest");
        consumer.assign(List.of(kept, revoked));
        timed.endOfPoll(consumer);
        timed.handle(kept, new Ack("p0", log), () -> writes.deferred.add("p0"));
        timed.handle(revoked, new Ack("p1", log), () -> writes.deferred.add("p1"));
        timed.endOfPoll(consumer);

        consumer.assign(List.of(kept)); // a rebalance gave partition 1 to another instance: it reads p1 again
        now[0] += 1_000_000_000L;
        timed.endOfPoll(consumer);

        assertThat(log).containsExactly("ack p0");
    }

    @Test
    void the_customizer_makes_the_container_acknowledge_manually_and_keeps_its_own_interceptor() {
        ContainerProperties properties = new ContainerProperties("topic");
        properties.setAckMode(ContainerProperties.AckMode.TIME);
        List<ConsumerRecord<Object, Object>> delivered = new ArrayList<>();
        properties.setMessageListener((MessageListener<Object, Object>) delivered::add);
        var container = new ConcurrentMessageListenerContainer<Object, Object>(
                new DefaultKafkaConsumerFactory<>(Map.of()), properties);
        List<String> intercepted = new ArrayList<>();
        container.setRecordInterceptor(new RecordInterceptor<>() {
            @Override
            public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
                                                            org.apache.kafka.clients.consumer.Consumer<Object, Object> consumer) {
                intercepted.add("own");
                return record;
            }
        });

        batch.customizer().configure(container);
        properties = container.getContainerProperties(); // the container's own copy

        assertThat(properties.getAckMode()).isEqualTo(ContainerProperties.AckMode.MANUAL);
        assertThat(properties.getMessageListener()).isInstanceOf(AcknowledgingConsumerAwareMessageListener.class);
        var record = new ConsumerRecord<Object, Object>("topic", 0, 7L, "key", "value");
        container.getRecordInterceptor().intercept(record, null);
        assertThat(intercepted).containsExactly("own");
        @SuppressWarnings("unchecked")
        var listener = (AcknowledgingConsumerAwareMessageListener<Object, Object>) properties.getMessageListener();
        listener.onMessage(record, new Ack("r", log), null);
        assertThat(delivered).containsExactly(record);
        assertThat(log).isEmpty();
        container.getRecordInterceptor().clearThreadState(null);
        assertThat(log).containsExactly("ack r");
    }
}
