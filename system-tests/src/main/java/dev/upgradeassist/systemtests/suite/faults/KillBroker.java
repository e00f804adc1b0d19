package dev.upgradeassist.systemtests.suite.faults;

import java.time.Duration;
import java.util.Optional;

/** kill -9 of the Kafka broker, restarted after {@code outageSeconds}; no record may be dead-lettered meanwhile. */
public record KillBroker(int outageSeconds) implements Fault {

    @Override
    public String description() {
        return "kill -9 the broker; restart after " + outageSeconds + " s";
    }

    @Override
    public Optional<String> nothingDeadLetteredLine() {
        return Optional.of("broker outage of " + outageSeconds + " s under load: no record dead-lettered (they waited)");
    }

    @Override
    public Injected inject(FaultContext context) {
        var stack = context.sut().stack;
        stack.kill9Kafka();
        return () -> {
            Thread.sleep(outageSeconds * 1000L);
            stack.startKafka();
            long ready = stack.awaitKafka(Duration.ofMinutes(3), "restart after kill -9 + " + outageSeconds + " s");
            context.probes().awaitAllHealthy(Duration.ofMinutes(3));
            return Recovery.of("kill -9 broker, restart after " + outageSeconds + " s", ready,
                    "broker port open " + ready / 1000.0 + " s after its restart");
        };
    }
}
