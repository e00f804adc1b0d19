package dev.upgradeassist.systemtests.suite.faults;

import dev.upgradeassist.systemtests.kafka.KafkaProbe;
import dev.upgradeassist.systemtests.kafka.ReplayWatch;
import dev.upgradeassist.systemtests.suite.PassLine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A replay from EARLIEST of every consumed topic on every consuming service; checked on every request so far. */
public record ReplayEverything() implements Fault {

    @Override
    public String description() {
        return "replay every consumed topic from EARLIEST on every consuming service";
    }

    @Override
    public Injected inject(FaultContext context) throws Exception {
        long recordsBefore = 0;
        for (String topic : KafkaProbe.CONSUMED) {
            recordsBefore += context.sut().kafka.recordCount(topic);
        }
        ReplayWatch watch = new ReplayWatch(context.sut().kafka);
        context.sut().replayEverything();
        String name = "replay EARLIEST (" + String.format("%,d", recordsBefore) + " records × their groups)";
        return () -> {
            // under steady load the committed lag seldom reads exactly 0 (a record or two handled but not
            // yet committed), so done means every group committed past the topic ends of the replay call
            ReplayWatch.Outcome outcome = watch.await(Duration.ofMinutes(15), Duration.ofMillis(200));
            String note = outcome.describe();
            PassLine line = new PassLine("the replay from EARLIEST done by every group within 15 minutes under load",
                    outcome.done(), String.format("%s in %.1f s", outcome.done() ? "done" : "NOT done", outcome.seconds()));
            return new Recovery(name, 0, Recovery.Scope.EVERY_REQUEST, List.of(), deadLettered -> note, Optional.of(line));
        };
    }
}
