package dev.upgradeassist.scheduling;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Replaces the platform's system clock (it is {@code @ConditionalOnMissingBean}) with one tests can move. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

    @Bean
    TestClock testClock() {
        return new TestClock();
    }
}
