package dev.upgradeassist.platform.messaging;

import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;

/**
 * Hands every poll of a service's consumers to its {@link PolledBatchReads} (Kafka calls {@link #onConsume} inside
 * {@code poll()}, on the consumer's own thread, before the container hands the records to the listener). Kafka makes
 * this class from {@code interceptor.classes}; the bean comes in the consumer's configuration under {@link #READS}.
 */
public class PolledBatchReadsInterceptor implements ConsumerInterceptor<Object, Object> {

    /** The consumer configuration key that carries the {@link PolledBatchReads} bean. */
    public static final String READS = "upgrade-assist.polled-batch-reads";

    private PolledBatchReads reads;

    @Override
    public void configure(Map<String, ?> configs) {
        Object bean = configs.get(READS);
        if (!(bean instanceof PolledBatchReads polledBatchReads)) {
            throw new IllegalStateException(READS + " must carry the PolledBatchReads bean");
        }
        this.reads = polledBatchReads;
    }

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        reads.polled(records);
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }
}
