package dev.upgradeassist.platform.messaging;

import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.platform.PlatformProperties;
import jakarta.validation.ValidationException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.DeserializationException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kafka wiring shared by every service: the CloudEvents value deserializer behind an
 * {@link ErrorHandlingDeserializer}, bounded exponential retries and then
 * {@code <topic>-dlt} on the same partition, and the topics each service declares.
 */
@Configuration(proxyBeanMethods = false)
public class MessagingConfiguration {

    @Bean
    LoggingContextInterceptor loggingContextInterceptor() {
        return new LoggingContextInterceptor();
    }

    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    /**
     * The CloudEvents value deserializer; and, in a service that declares a {@link PolledBatchReads} bean, the
     * interceptor that hands it every poll (its consumers read a polled batch's aggregates with one query per type).
     */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer cloudEventConsumerFactoryCustomizer(EventCodec codec,
            org.springframework.beans.factory.ObjectProvider<PolledBatchReads> polledBatchReads) {
        return factory -> {
            @SuppressWarnings("unchecked")
            var typed = (org.springframework.kafka.core.DefaultKafkaConsumerFactory<Object, Object>) factory;
            typed.setValueDeserializerSupplier(() -> new ErrorHandlingDeserializer<>(new CloudEventDeserializer(codec)));
            PolledBatchReads reads = polledBatchReads.getIfAvailable();
            if (reads != null) {
                typed.updateConfigs(Map.of(
                        org.apache.kafka.clients.consumer.ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG,
                        PolledBatchReadsInterceptor.class.getName(),
                        PolledBatchReadsInterceptor.READS, reads));
            }
        };
    }

    /**
     * In a service that declares a {@link PollWrites} bean, its listener containers let handlers defer writes to the
     * end of a poll ({@link PolledBatchWrites}, docs/adr/0032), acknowledging at most every {@code ack-time} as the
     * other services' {@code ack-mode: time} commits; elsewhere the containers are left as configured.
     */
    @Bean
    org.springframework.kafka.config.ContainerCustomizer<Object, Object,
            org.springframework.kafka.listener.ConcurrentMessageListenerContainer<Object, Object>> polledBatchWritesCustomizer(
            org.springframework.beans.factory.ObjectProvider<PollWrites> writes, KafkaProperties kafkaProperties) {
        PollWrites deferred = writes.getIfUnique();
        if (deferred == null) {
            return container -> {
            };
        }
        java.time.Duration ackTime = kafkaProperties.getListener().getAckTime();
        return new PolledBatchWrites(deferred, ackTime == null ? java.time.Duration.ZERO : ackTime, System::nanoTime)
                .customizer();
    }

    @Bean
    KafkaTemplate<String, Object> deadLetterKafkaTemplate(KafkaProperties kafkaProperties, EventCodec codec,
            org.springframework.beans.factory.ObjectProvider<org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer> customizers) {
        Map<String, Object> props = kafkaProperties.buildProducerProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        var factory = new DefaultKafkaProducerFactory<String, Object>(props, new StringSerializer(),
                new DeadLetterValueSerializer(codec));
        customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
        KafkaTemplate<String, Object> template = new KafkaTemplate<>(factory);
        // observation (not the older Micrometer timer) so that every template's meters share one set of tags
        template.setObservationEnabled(true);
        return template;
    }

    @Bean
    CommonErrorHandler deadLetteringErrorHandler(KafkaTemplate<String, Object> deadLetterKafkaTemplate,
                                                 PlatformProperties properties, EventMetrics metrics) {
        var publisher = new DeadLetterPublishingRecoverer(deadLetterKafkaTemplate,
                (record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        ConsumerRecordRecoverer counting = (record, ex) -> {
            publisher.accept(record, ex);
            metrics.deadLettered(record.topic());
        };
        PlatformProperties.Retry retry = properties.retry();
        var backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        var handler = new DefaultErrorHandler(counting, backOff);
        handler.addNotRetryableExceptions(DeserializationException.class, PoisonEventException.class,
                ValidationException.class, IllegalArgumentException.class);
        // an outage is nobody's record's fault: the record waits (retried without end) instead of the DLT
        var outage = new org.springframework.util.backoff.ExponentialBackOff(retry.outageInitialInterval().toMillis(), 2.0);
        outage.setMaxInterval(retry.outageMaxInterval().toMillis());
        outage.setMaxElapsedTime(Long.MAX_VALUE);
        handler.setBackOffFunction((record, ex) -> Outages.isOutage(ex) ? outage : null);
        return handler;
    }

    @Bean
    EventMetrics eventMetrics(io.micrometer.core.instrument.MeterRegistry registry,
                              @Value("${spring.application.name}") String service) {
        return new EventMetrics(registry, service);
    }

    @Bean
    KafkaAdmin.NewTopics platformTopics(PlatformProperties properties) {
        Set<String> names = new LinkedHashSet<>();
        if (!properties.produces().isBlank()) {
            names.add(properties.produces());
        }
        for (String consumed : properties.consumes()) {
            names.add(consumed);
            names.add(Topics.deadLetter(consumed));
        }
        names.add(dev.upgradeassist.platform.operations.ReplayCommands.TOPIC);
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(TopicBuilder.name(name).partitions(properties.partitions()).build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }
}
