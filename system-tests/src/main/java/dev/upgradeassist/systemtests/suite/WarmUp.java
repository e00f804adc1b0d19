package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.SystemUnderTest;
import dev.upgradeassist.systemtests.load.LoadGenerator;
import dev.upgradeassist.systemtests.load.Tracker;

import java.time.Duration;
import java.util.function.Consumer;

/** A few seconds at 10 requests/s before the load phase, not measured. */
public final class WarmUp {

    private WarmUp() {
    }

    public static void run(SystemUnderTest sut, int seconds, Consumer<String> log) throws InterruptedException {
        if (seconds <= 0) {
            return;
        }
        log.accept("== Warm-up: " + seconds + " s at 10 req/s (not measured)");
        LoadGenerator.Steady warm = sut.load.steady("warm-up", 10);
        Thread.sleep(seconds * 1000L);
        warm.stop();
        Tracker.await(warm.requests(), Duration.ofMinutes(3));
    }
}
