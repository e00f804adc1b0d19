package dev.upgradeassist.systemtests.suite.faults;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** MongoDB unresponsive for {@code seconds}: SIGSTOP, then SIGCONT; no record may be dead-lettered meanwhile. */
public record FreezeMongo(int seconds) implements Fault {

    @Override
    public String description() {
        return "MongoDB unresponsive (SIGSTOP) for " + seconds + " s";
    }

    @Override
    public Optional<String> nothingDeadLetteredLine() {
        return Optional.of("MongoDB outage of " + seconds + " s under load: no record dead-lettered (they waited)");
    }

    @Override
    public Injected inject(FaultContext context) {
        var stack = context.sut().stack;
        long frozen = System.nanoTime();
        stack.freezeMongo();
        return () -> {
            try {
                Thread.sleep(seconds * 1000L);
            } finally {
                stack.resumeMongo();
            }
            long back = (System.nanoTime() - frozen) / 1_000_000;
            long healthy = context.probes().awaitAllHealthy(Duration.ofMinutes(3));
            return new Recovery(description(), healthy, Recovery.Scope.AROUND_THE_FAULT, List.of(),
                    deadLettered -> String.format("SIGCONT after %.0f s, every service healthy %.1f s later; %.0f record(s) "
                            + "dead-lettered during it", back / 1000.0, healthy / 1000.0, deadLettered));
        };
    }
}
