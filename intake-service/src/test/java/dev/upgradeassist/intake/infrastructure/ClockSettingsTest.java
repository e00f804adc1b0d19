package dev.upgradeassist.intake.infrastructure;

import dev.upgradeassist.intake.request.BusinessCalendar;
import dev.upgradeassist.intake.request.ClockPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clocks' settings as application.yml binds them: each from its environment variable
 * {@code UPGRADE_ASSIST_CLOCKS_<NAME>} (set the way a container sets it: a system-environment property source), the
 * contract's defaults without, and invalid values refuse to start naming the setting.
 */
class ClockSettingsTest {

    @EnableConfigurationProperties(ClockProperties.class)
    @Import(ClockConfiguration.class)
    static class Settings {
    }

    private static ApplicationContextRunner withEnvironment(Map<String, Object> variables) {
        return new ApplicationContextRunner()
                .withInitializer(context -> context.getEnvironment().getPropertySources().addAfter(
                        StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource("containerEnvironment", variables)))
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withUserConfiguration(Settings.class);
    }

    @Test
    void defaults_are_the_contracts() {
        withEnvironment(Map.of()).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ClockPolicy.class)).isEqualTo(ClockPolicy.DEFAULTS);
            assertThat(context.getBean(ClockProperties.class).pollInterval()).isEqualTo(Duration.ofSeconds(10));
        });
    }

    @Test
    void every_setting_comes_from_its_environment_variable() {
        withEnvironment(Map.of(
                "UPGRADE_ASSIST_CLOCKS_FIRST_RESPONSE", "PT20S",
                "UPGRADE_ASSIST_CLOCKS_NEXT_RESPONSE", "PT30S",
                "UPGRADE_ASSIST_CLOCKS_CALENDAR", "24x7",
                "UPGRADE_ASSIST_CLOCKS_PENDING_REMINDER", "PT40S",
                "UPGRADE_ASSIST_CLOCKS_PENDING_CLOSE", "PT50S",
                "UPGRADE_ASSIST_CLOCKS_ON_HOLD_RECHECK", "PT1M",
                "UPGRADE_ASSIST_CLOCKS_CALL_REMINDER", "PT2M",
                "UPGRADE_ASSIST_CLOCKS_POLL_INTERVAL", "PT2S")).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ClockPolicy.class)).isEqualTo(new ClockPolicy(Duration.ofSeconds(20),
                    Duration.ofSeconds(30), BusinessCalendar.TWENTY_FOUR_SEVEN, Duration.ofSeconds(40),
                    Duration.ofSeconds(50), Duration.ofMinutes(1), Duration.ofMinutes(2)));
            assertThat(context.getBean(ClockProperties.class).pollInterval()).isEqualTo(Duration.ofSeconds(2));
        });
    }

    @Test
    void invalid_values_refuse_to_start_with_a_message_naming_the_setting() {
        assertRefused(Map.of("UPGRADE_ASSIST_CLOCKS_CALENDAR", "9to5"), "calendar", "24x5 or 24x7");
        assertRefused(Map.of("UPGRADE_ASSIST_CLOCKS_FIRST_RESPONSE", "PT0S"), "first-response", "positive");
        assertRefused(Map.of("UPGRADE_ASSIST_CLOCKS_CALL_REMINDER", "-PT1H"), "call-reminder", "positive");
        assertRefused(Map.of("UPGRADE_ASSIST_CLOCKS_PENDING_CLOSE", "P5D"), "pending-close", "longer than");
        assertRefused(Map.of("UPGRADE_ASSIST_CLOCKS_POLL_INTERVAL", "PT0S"), "poll-interval", "positive");
        assertRefused(Map.of("UPGRADE_ASSIST_CLOCKS_ON_HOLD_RECHECK", "four days"), "on-hold-recheck", "");
    }

    private static void assertRefused(Map<String, Object> variables, String setting, String reason) {
        withEnvironment(variables).run(context -> {
            assertThat(context).hasFailed();
            StringBuilder messages = new StringBuilder();
            for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertThat(messages.toString()).contains(setting).contains(reason);
        });
    }
}
