package dev.upgradeassist.notification.templates;

import dev.upgradeassist.notification.infrastructure.NotificationProperties;
import dev.upgradeassist.platform.links.CustomerPageTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's links are made at start-up: the platform's {@link CustomerPageTokens} bean is lazy (the services that
 * never need it never make it), so without the secret notification-service must refuse to start rather than fail at
 * its first email.
 */
class RequestLinksStartupTest {

    /** As the platform declares it: lazy, and it throws without a secret of 32 characters or more. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(NotificationProperties.class)
    @Import({RequestLinks.class, MailRenderer.class})
    static class Wiring {
        @Bean
        @Lazy
        CustomerPageTokens customerPageTokens(org.springframework.core.env.Environment environment) {
            return new CustomerPageTokens(environment.getProperty("upgrade-assist.platform.customer-page.secret"));
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Wiring.class);

    @Test
    void without_the_secret_the_service_does_not_start() {
        runner.run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessageContaining("upgrade-assist.platform.customer-page.secret"));
    }

    @Test
    void with_the_secret_and_a_web_base_url_the_renderer_links_the_configured_web_module() {
        runner.withPropertyValues("upgrade-assist.platform.customer-page.secret=a-test-secret-of-at-least-32-characters",
                        "upgrade-assist.notification.web-base-url=https://upgrade-assist.example/")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(RequestLinks.class).requestPage("r-1")).isEqualTo(
                            "https://upgrade-assist.example/r/"
                                    + new CustomerPageTokens("a-test-secret-of-at-least-32-characters").tokenFor("r-1"));
                });
    }

    @Test
    void a_web_base_url_that_is_no_http_url_stops_the_start() {
        runner.withPropertyValues("upgrade-assist.platform.customer-page.secret=a-test-secret-of-at-least-32-characters",
                        "upgrade-assist.notification.web-base-url=localhost:8085")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("web-base-url"));
    }
}
