package dev.upgradeassist.notification.infrastructure;

import dev.upgradeassist.contracts.model.Region;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The engineer directory as a container sets it: environment variables, bound the way Spring binds the environment. */
class EngineerDirectorySettingsTest {

    @Test
    void the_directory_binds_from_upgradeassist_notification_engineers_environment_variables_time_zone_included() {
        NotificationProperties properties = bind(Map.of(
                "UPGRADEASSIST_NOTIFICATION_ENGINEERS_0_NAME", "alice",
                "UPGRADEASSIST_NOTIFICATION_ENGINEERS_0_EMAIL", "alice@gitlab.example",
                "UPGRADEASSIST_NOTIFICATION_ENGINEERS_0_REGION", "AMER",
                "UPGRADEASSIST_NOTIFICATION_ENGINEERS_0_UPGRADEFOCUS", "true",
                "UPGRADEASSIST_NOTIFICATION_ENGINEERS_0_TIMEZONE", "America/New_York",
                "UPGRADEASSIST_NOTIFICATION_ENGINEERS_1_NAME", "dmitri",
                "UPGRADEASSIST_NOTIFICATION_ENGINEERS_1_EMAIL", "dmitri@gitlab.example",
                "UPGRADEASSIST_NOTIFICATION_ENGINEERS_1_REGION", "EMEA"));

        assertThat(properties.engineers()).containsExactly(
                new NotificationProperties.Engineer("alice", "alice@gitlab.example", Region.AMER, true, "America/New_York"),
                new NotificationProperties.Engineer("dmitri", "dmitri@gitlab.example", Region.EMEA, false, null));
    }

    @Test
    void without_configuration_the_directory_is_empty_and_the_rest_keeps_its_defaults() {
        NotificationProperties properties = bind(Map.of("UPGRADEASSIST_NOTIFICATION_FROM", "support@example.test"));

        assertThat(properties.engineers()).isEqualTo(List.of());
        assertThat(properties.from()).isEqualTo("support@example.test");
        assertThat(properties.retry().maxAttempts()).isEqualTo(8);
    }

    @Test
    void the_web_base_url_defaults_to_the_local_stacks_web_module_and_binds_from_upgradeassist_notification_webbaseurl() {
        assertThat(bind(Map.of()).webBaseUrl()).isEqualTo("http://localhost:8085");
        assertThat(bind(Map.of("UPGRADEASSIST_NOTIFICATION_WEBBASEURL", "https://upgrade-assist.example/")).webBaseUrl())
                .isEqualTo("https://upgrade-assist.example/");
    }

    private static NotificationProperties bind(Map<String, Object> environment) {
        var sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource("systemEnvironment", environment));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("upgrade-assist.notification", NotificationProperties.class);
    }
}
