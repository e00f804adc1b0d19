package dev.upgradeassist.testsupport;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points a Spring context at the JVM's shared test infrastructure: Kafka, MongoDB (one database
 * per service), SMTP; and accepts the three dev tokens so tests call the API as the portal,
 * an engineer or an operator.
 */
@TestConfiguration(proxyBeanMethods = false)
public class InfrastructureTestConfiguration {

    /**
     * Counts this context among the infrastructure's users until it is destroyed: beans are destroyed after the
     * context's listener containers stopped, so the JVM's exit stops the broker only after that
     * ({@link TestInfrastructure}).
     */
    @Bean
    DisposableBean testInfrastructureUser() {
        TestInfrastructure.contextOpened();
        return TestInfrastructure::contextClosed;
    }

    @Bean
    DynamicPropertyRegistrar testInfrastructureProperties() {
        return registry -> {
            TestInfrastructure infra = TestInfrastructure.get();
            registry.add("spring.kafka.bootstrap-servers", infra::kafkaBootstrapServers);
            registry.add("spring.mongodb.uri", () -> infra.mongoUri("test-" + System.getProperty("test.database", "upgrade-assist")));
            registry.add("spring.mail.host", infra::mailHost);
            registry.add("spring.mail.port", infra::smtpPort);
            registry.add("upgrade-assist.platform.tokens[" + TestTokens.PORTAL + "]", () -> "PORTAL");
            registry.add("upgrade-assist.platform.tokens[" + TestTokens.ENGINEER + "]", () -> "ENGINEER:alice");
            registry.add("upgrade-assist.platform.tokens[" + TestTokens.OPERATOR + "]", () -> "OPERATOR");
            registry.add("upgrade-assist.platform.tokens[" + TestTokens.ENGINEER_BOB + "]", () -> "ENGINEER:bob");
            registry.add("upgrade-assist.platform.jwt.jwk-set-uri", () -> TestJwt.get().jwkSetUri());
        };
    }
}
