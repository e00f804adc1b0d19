package dev.upgradeassist.intake.infrastructure;

import dev.upgradeassist.intake.request.ClockPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The request clocks' policy, from {@link ClockProperties}. The {@link java.time.Clock} itself is the platform's bean. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    ClockPolicy clockPolicy(ClockProperties properties) {
        return properties.policy();
    }
}
