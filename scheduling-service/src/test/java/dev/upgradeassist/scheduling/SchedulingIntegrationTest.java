package dev.upgradeassist.scheduling;

import dev.upgradeassist.testsupport.IntegrationTest;
import org.springframework.context.annotation.Import;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@link IntegrationTest} plus a movable clock. Every IT class of this module uses exactly this (through
 * {@link SchedulingITSupport}), so one cached context serves them all.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntegrationTest
@Import(TestClockConfiguration.class)
public @interface SchedulingIntegrationTest {
}
