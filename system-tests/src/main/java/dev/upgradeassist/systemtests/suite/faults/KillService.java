package dev.upgradeassist.systemtests.suite.faults;

import dev.upgradeassist.systemtests.stack.Service;

import java.time.Duration;

/** kill -9 of one service {@code pauseSeconds} after the previous fault recovered, then its restart under load. */
public record KillService(Service service, int round, int pauseSeconds) implements Fault {

    @Override
    public String description() {
        return "kill -9 " + service.id() + " (" + when() + ")";
    }

    @Override
    public String when() {
        return String.format("round %d, %d s after the previous recovery", round, pauseSeconds);
    }

    @Override
    public boolean restartsAService() {
        return true;
    }

    @Override
    public void prepare(FaultContext context) throws InterruptedException {
        Thread.sleep(pauseSeconds * 1000L);
    }

    @Override
    public Injected inject(FaultContext context) {
        context.sut().stack.kill9(service);
        return () -> Recovery.of("kill -9 " + service.id() + " #" + round,
                context.sut().stack.startService(service, Duration.ofMinutes(3), "restart after kill -9, under load"), "");
    }
}
