package dev.upgradeassist.systemtests.suite.faults;

import dev.upgradeassist.systemtests.kafka.KafkaProbe;

import java.time.Duration;
import java.util.List;

/** A replay from EARLIEST of every consumed topic on every consuming service; checked on every request so far. */
public record ReplayEverything() implements Fault {

    @Override
    public String description() {
        return "replay every consumed topic from EARLIEST on every consuming service";
    }

    @Override
    public Injected inject(FaultContext context) throws Exception {
        long start = System.nanoTime();
        long recordsBefore = 0;
        for (String topic : KafkaProbe.CONSUMED) {
            recordsBefore += context.sut().kafka.recordCount(topic);
        }
        context.sut().replayEverything();
        String name = "replay EARLIEST (" + String.format("%,d", recordsBefore) + " records × their groups)";
        return () -> {
            boolean drained = context.sut().lag.awaitZero(Duration.ofMinutes(15));
            double seconds = (System.nanoTime() - start) / 1e9;
            String note = String.format("lag back to 0 %s %.1f s after the replay calls", drained ? "" : "NOT", seconds);
            return new Recovery(name, 0, Recovery.Scope.EVERY_REQUEST, List.of(), deadLettered -> note);
        };
    }
}
