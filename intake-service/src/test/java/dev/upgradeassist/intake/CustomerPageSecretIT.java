package dev.upgradeassist.intake;

import dev.upgradeassist.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.logging.LoggingApplicationListener;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Intake keeps the hash of every request's customer page token, so it must know the secret the tokens are signed
 * with: outside the local and seed profiles it refuses to start without it, rather than failing at the first event.
 */
class CustomerPageSecretIT {

    @Test
    void intake_refuses_to_start_without_the_customer_page_secret() {
        TestInfrastructure infra = TestInfrastructure.get();
        SpringApplication application = new SpringApplication(IntakeServiceApplication.class);
        // the logging of the tests' shared context stays as it is
        application.setListeners(application.getListeners().stream()
                .filter(listener -> !(listener instanceof LoggingApplicationListener)).toList());

        // no profile (so no dev secret), the secret empty; the listeners never start, so no test's partitions move
        assertThatThrownBy(() -> application.run(
                "--upgrade-assist.platform.customer-page.secret=",
                "--server.port=0",
                "--management.server.port=0",
                "--spring.kafka.listener.auto-startup=false",
                "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + infra.mongoUri("test-secretless-intake")))
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("upgrade-assist.platform.customer-page.secret");
    }
}
