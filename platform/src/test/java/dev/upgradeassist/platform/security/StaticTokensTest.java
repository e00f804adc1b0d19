package dev.upgradeassist.platform.security;

import dev.upgradeassist.platform.PlatformProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Static tokens as operators configure them: from the environment the way a container sets it, and from YAML. */
class StaticTokensTest {

    private final SecurityConfiguration configuration = new SecurityConfiguration();

    @Test
    void tokens_from_environment_variables_keep_their_case_and_name_their_caller() {
        PlatformProperties properties = bindFromEnvironment(Map.of(
                "UPGRADEASSIST_PLATFORM_STATICTOKENS_0_TOKEN", "Portal-Token-AbC",
                "UPGRADEASSIST_PLATFORM_STATICTOKENS_0_ROLE", "PORTAL",
                "UPGRADEASSIST_PLATFORM_STATICTOKENS_1_TOKEN", "Eng-XyZ",
                "UPGRADEASSIST_PLATFORM_STATICTOKENS_1_ROLE", "engineer",
                "UPGRADEASSIST_PLATFORM_STATICTOKENS_1_NAME", "chandra"));

        TokenRegistry registry = configuration.tokenRegistry(properties, new StandardEnvironment());

        assertThat(registry.callerOf("Portal-Token-AbC")).contains(Caller.of("portal", Role.PORTAL));
        assertThat(registry.callerOf("Eng-XyZ")).contains(Caller.of("chandra", Role.ENGINEER));
        assertThat(registry.callerOf("eng-xyz")).isEmpty();
        assertThat(registry.callerOf("dev-engineer-token")).as("no dev token outside the local profile").isEmpty();
    }

    @Test
    void the_map_form_bound_from_the_environment_loses_the_case_of_its_keys_which_is_why_the_list_exists() {
        PlatformProperties properties = bindFromEnvironment(Map.of("UPGRADEASSIST_PLATFORM_TOKENS_ABCXYZ", "PORTAL"));

        assertThat(properties.tokens()).doesNotContainKey("ABCXYZ");
    }

    @Test
    void the_local_profile_has_dev_tokens_for_the_portal_the_operator_and_each_roster_engineer() {
        MockEnvironment local = new MockEnvironment();
        local.setActiveProfiles("local");

        TokenRegistry registry = configuration.tokenRegistry(bindFromEnvironment(Map.of()), local);

        assertThat(registry.callerOf("dev-portal-token")).contains(Caller.of("portal", Role.PORTAL));
        assertThat(registry.callerOf("dev-engineer-token")).contains(Caller.of("alice", Role.ENGINEER));
        assertThat(registry.callerOf("dev-engineer-dmitri")).contains(Caller.of("dmitri", Role.ENGINEER));
        assertThat(registry.callerOf("dev-operator-token")).contains(Caller.of("operator", Role.OPERATOR));
    }

    @Test
    void without_tokens_or_an_issuer_outside_the_local_profile_the_service_refuses_to_start() {
        assertThatThrownBy(() -> configuration.tokenRegistry(bindFromEnvironment(Map.of()), new StandardEnvironment()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("No credentials configured");
        PlatformProperties withIssuer = bindFromEnvironment(Map.of("UPGRADEASSIST_PLATFORM_JWT_ISSUERURI",
                "http://keycloak:8080/realms/upgrade-assist"));
        assertThat(configuration.tokenRegistry(withIssuer, new StandardEnvironment()).isEmpty()).isTrue();
    }

    @Test
    void a_token_value_names_a_role_and_optionally_a_person() {
        assertThat(TokenRegistry.parse("OPERATOR")).isEqualTo(Caller.of("operator", Role.OPERATOR));
        assertThat(TokenRegistry.parse("engineer:bob")).isEqualTo(Caller.of("bob", Role.ENGINEER));
        assertThatThrownBy(() -> TokenRegistry.parse("ADMIN")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenRegistry.parse("ENGINEER:")).isInstanceOf(IllegalArgumentException.class);
    }

    private static PlatformProperties bindFromEnvironment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return new Binder(ConfigurationPropertySources.from(environment.getPropertySources()))
                .bindOrCreate("upgrade-assist.platform", PlatformProperties.class);
    }
}
