package dev.upgradeassist.intake.support;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The test contexts' {@link Clock} bean (it replaces the platform's system clock, which is
 * {@code @ConditionalOnMissingBean}): the system clock shifted by an offset that tests move forward instead of
 * waiting, and reset afterwards. A component of the test classpath, so every intake context of the test JVM has it
 * (the shared integration-test context and a second instance started beside it) and they share the offset, as
 * instances of a service share the time.
 */
@Component
public class MovableClock extends Clock {

    private static final AtomicReference<Duration> OFFSET = new AtomicReference<>(Duration.ZERO);

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(OFFSET.get());
    }

    public static void advance(Duration by) {
        OFFSET.updateAndGet(current -> current.plus(by));
    }

    public static void reset() {
        OFFSET.set(Duration.ZERO);
    }
}
