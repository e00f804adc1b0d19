package dev.upgradeassist.platform;

import dev.upgradeassist.platform.health.KafkaListenersHealthIndicator;
import dev.upgradeassist.platform.health.MongoPingHealthIndicator;
import dev.upgradeassist.platform.health.OutboxHealthIndicator;
import dev.upgradeassist.platform.messaging.EventListenerSupport;
import dev.upgradeassist.platform.messaging.EventMetrics;
import dev.upgradeassist.platform.messaging.MessagingConfiguration;
import dev.upgradeassist.platform.operations.DeadLetterController;
import dev.upgradeassist.platform.operations.DeadLetterService;
import dev.upgradeassist.platform.operations.ReplayCommands;
import dev.upgradeassist.platform.operations.ReplayController;
import dev.upgradeassist.platform.operations.ReplayService;
import dev.upgradeassist.platform.outbox.AggregateRoot;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.OutboxRelay;
import dev.upgradeassist.platform.security.SecurityConfiguration;
import dev.upgradeassist.platform.tracing.OutboxTracing;
import dev.upgradeassist.platform.web.BodySizeLimitFilter;
import dev.upgradeassist.platform.web.ProblemDetailsAdvice;
import dev.upgradeassist.platform.web.RoleCheckInterceptor;
import dev.upgradeassist.platform.web.StrictJsonConfiguration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Everything the platform gives a service, switched on by having the module on the classpath. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration"})
@EnableConfigurationProperties(PlatformProperties.class)
@EnableScheduling
@Import({MessagingConfiguration.class, SecurityConfiguration.class, ProblemDetailsAdvice.class,
        dev.upgradeassist.platform.web.FallbackProblemDetailsAdvice.class, SchedulerLockConfiguration.class,
        StrictJsonConfiguration.class})
public class PlatformAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    KafkaTemplate<String, byte[]> outboxKafkaTemplate(KafkaProperties kafkaProperties,
            org.springframework.beans.factory.ObjectProvider<org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer> customizers) {
        Map<String, Object> props = kafkaProperties.buildProducerProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        var factory = new DefaultKafkaProducerFactory<>(props, new StringSerializer(), new ByteArraySerializer());
        // Boot's customizers, among them the one that exports the producer's kafka_producer_* meters
        customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(factory);
        template.setObservationEnabled(true);
        return template;
    }

    @Bean
    OutboxRelay outboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> outboxKafkaTemplate,
                            MongoMappingContext mappingContext, PlatformProperties properties,
                            @Value("${spring.application.name}") String service, Clock clock,
                            OutboxTracing outboxTracing) {
        return new OutboxRelay(mongo, outboxKafkaTemplate, () -> outboxCollections(mappingContext, properties),
                properties.outbox(), service, clock, outboxTracing);
    }

    @Bean
    OutboxTracing outboxTracing(io.micrometer.tracing.Tracer tracer,
                                io.micrometer.tracing.propagation.Propagator propagator) {
        return new OutboxTracing(tracer, propagator);
    }

    /** The collections of every {@link AggregateRoot} type the service maps, plus configured extras. */
    static List<String> outboxCollections(MongoMappingContext mappingContext, PlatformProperties properties) {
        Set<String> names = new LinkedHashSet<>(properties.outbox().collections());
        mappingContext.getPersistentEntities().forEach(entity -> {
            if (AggregateRoot.class.isAssignableFrom(entity.getType())) {
                names.add(entity.getCollection());
            }
        });
        return new ArrayList<>(names);
    }

    /**
     * No mapping lifecycle events from {@link MongoTemplate}: without this it publishes four application events
     * ({@code BeforeConvertEvent}, {@code BeforeSaveEvent}, {@code AfterSaveEvent}, {@code AfterLoadEvent}, ...) for
     * every document it writes or reads, each matched against every application listener, and no listener in the
     * services reads them. What must happen on a write is an entity callback ({@link
     * dev.upgradeassist.platform.outbox.RaisedEventsCallback}), which this leaves on. The JFR profile of a load run
     * had the publishing at 1.4 % of intake's CPU (issue 22).
     */
    @Bean
    static org.springframework.beans.factory.config.BeanPostProcessor mongoTemplateWithoutLifecycleEvents() {
        return new org.springframework.beans.factory.config.BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof MongoTemplate template) {
                    template.setEntityLifecycleEventsEnabled(false);
                }
                return bean;
            }
        };
    }

    @Bean
    dev.upgradeassist.platform.outbox.RaisedEventsCallback raisedEventsCallback() {
        return new dev.upgradeassist.platform.outbox.RaisedEventsCallback();
    }

    /**
     * The customers' request page link tokens, made when a service first needs them (intake-service and
     * notification-service, at start-up: without a secret they refuse to start); the other services never make it.
     * The {@code local} and {@code seed} profiles (the local stack, the tests) fall back to a fixed dev secret.
     */
    @Bean
    @org.springframework.context.annotation.Lazy
    dev.upgradeassist.platform.links.CustomerPageTokens customerPageTokens(PlatformProperties properties,
            org.springframework.core.env.Environment environment) {
        String secret = properties.customerPage().secret();
        if ((secret == null || secret.isBlank())
                && environment.acceptsProfiles(org.springframework.core.env.Profiles.of("local", "seed"))) {
            secret = "dev-customer-page-secret-for-the-local-stack-only";
        }
        return new dev.upgradeassist.platform.links.CustomerPageTokens(secret);
    }

    @Bean
    AggregateStore aggregateStore(MongoTemplate mongo, OutboxRelay relay, EventMetrics metrics) {
        return new AggregateStore(mongo, relay, metrics);
    }

    @Bean
    Gauge outboxPendingGauge(MeterRegistry registry, OutboxRelay relay) {
        Gauge.builder("upgrade_assist.outbox.oldest_pending_seconds", relay, r -> r.oldestPendingAge().toMillis() / 1000.0)
                .description("Age of the oldest event waiting in the outbox").register(registry);
        return Gauge.builder("upgrade_assist.outbox.pending", relay, OutboxRelay::pendingCount)
                .description("Events waiting in the outbox").register(registry);
    }

    @Bean
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }

    @Bean
    KafkaListenersHealthIndicator kafkaListenersHealthIndicator(KafkaListenerEndpointRegistry registry) {
        return new KafkaListenersHealthIndicator(registry);
    }

    @Bean
    OutboxHealthIndicator outboxHealthIndicator(OutboxRelay relay, PlatformProperties properties) {
        return new OutboxHealthIndicator(relay, properties.outbox().maxPendingAge());
    }

    /** Checks {@code @PreAuthorize} before the body is read: a wrong role is 403 even with a broken body. */
    @Bean
    org.springframework.web.servlet.config.annotation.WebMvcConfigurer roleCheckBeforeBinding() {
        return new org.springframework.web.servlet.config.annotation.WebMvcConfigurer() {
            @Override
            public void addInterceptors(org.springframework.web.servlet.config.annotation.InterceptorRegistry registry) {
                registry.addInterceptor(new RoleCheckInterceptor()).addPathPatterns("/api/**");
            }
        };
    }

    /** After Spring Security's filter chain (order -100): a caller without a valid token gets 401, not 413. */
    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter() {
        var registration = new FilterRegistrationBean<>(new BodySizeLimitFilter());
        registration.setOrder(-90);
        return registration;
    }

    /** What Tomcat refuses before the application (malformed requests, TRACE) is answered with problem details too. */
    @Bean
    org.springframework.boot.web.server.WebServerFactoryCustomizer<org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory>
            problemErrorReportValve() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                host.setErrorReportValveClass(dev.upgradeassist.platform.web.ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    ReplayCommands replayCommands(@Value("${spring.application.name}") String service,
                                  List<EventListenerSupport> listeners, KafkaTemplate<String, byte[]> outboxKafkaTemplate,
                                  KafkaAdmin kafkaAdmin) {
        return new ReplayCommands(service, listeners, outboxKafkaTemplate, kafkaAdmin);
    }

    @Bean
    ReplayService replayService(PlatformProperties properties, List<EventListenerSupport> listeners,
                                KafkaAdmin kafkaAdmin, @Value("${spring.application.name}") String service,
                                ReplayCommands replayCommands) {
        return new ReplayService(properties, listeners, kafkaAdmin, service, replayCommands);
    }

    @Bean
    ReplayController replayController(ReplayService replayService) {
        return new ReplayController(replayService);
    }

    @Bean
    DeadLetterService deadLetterService(PlatformProperties properties, KafkaAdmin kafkaAdmin,
                                        KafkaTemplate<String, byte[]> outboxKafkaTemplate) {
        return new DeadLetterService(properties, kafkaAdmin, outboxKafkaTemplate);
    }

    @Bean
    DeadLetterController deadLetterController(DeadLetterService deadLetterService) {
        return new DeadLetterController(deadLetterService);
    }
}
