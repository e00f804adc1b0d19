package dev.upgradeassist.review.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.upgradeassist.contracts.PlanApproved.ApprovalMode;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * {@code upgrade-assist.review.approval-mode} as the shipped application.yml binds it, with the environment a
 * container would set.
 */
class ApprovalModeSettingTest {

    @Test
    void the_default_is_automatic() throws IOException {
        assertThat(bind(Map.of()).approvalMode()).isEqualTo(ApprovalMode.AUTOMATIC);
    }

    @Test
    void the_environment_variable_of_the_contract_selects_engineer_mode() throws IOException {
        assertThat(bind(Map.of("UPGRADE_ASSIST_REVIEW_APPROVAL_MODE", "ENGINEER")).approvalMode())
                .isEqualTo(ApprovalMode.ENGINEER);
    }

    @Test
    void an_unknown_mode_stops_the_binding_naming_the_property_and_the_value() {
        assertThatThrownBy(() -> bind(Map.of("UPGRADE_ASSIST_REVIEW_APPROVAL_MODE", "MANUAL")))
                .isInstanceOf(BindException.class)
                .hasMessageContaining("upgrade-assist.review.approval-mode")
                .rootCause().hasMessageContaining("MANUAL");
    }

    private static ReviewProperties bind(Map<String, Object> variables) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        for (PropertySource<?> yaml : new YamlPropertySourceLoader().load("application.yml",
                new ClassPathResource("application.yml"))) {
            environment.getPropertySources().addLast(yaml);
        }
        Binder binder = new Binder(ConfigurationPropertySources.from(environment.getPropertySources()),
                new PropertySourcesPlaceholdersResolver(environment));
        return binder.bindOrCreate("upgrade-assist.review", ReviewProperties.class);
    }
}
