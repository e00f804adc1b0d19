package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.SystemUnderTest;
import dev.upgradeassist.systemtests.stack.Service;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/** Starts the four services on a fresh stack, one at a time (each alone), then readies the load generator. */
public final class ServiceStartup {

    private final int leadDays;
    private final int trackerThreads;
    private final Duration giveUpAfter;
    private final Consumer<String> log;

    public ServiceStartup(int leadDays, int trackerThreads, Duration giveUpAfter, Consumer<String> log) {
        this.leadDays = leadDays;
        this.trackerThreads = trackerThreads;
        this.giveUpAfter = giveUpAfter;
        this.log = log;
    }

    /** The cold starts so far, this stack's added. */
    public ColdStarts run(SystemUnderTest sut, ColdStarts before) throws IOException {
        log.accept("Starting the four services, one at a time (each alone)");
        Map<Service, Long> millis = sut.stack.startServicesOneByOne(Duration.ofMinutes(3));
        sut.prepareLoad(leadDays, trackerThreads, giveUpAfter);
        return before.plus(millis);
    }
}
