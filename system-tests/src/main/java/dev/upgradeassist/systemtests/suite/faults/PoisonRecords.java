package dev.upgradeassist.systemtests.suite.faults;

import dev.upgradeassist.systemtests.kafka.KafkaProbe;

import java.time.Duration;
import java.util.List;

/** {@code count} records with a valid ce_type and a value that is not JSON, over the three consumed topics. */
public record PoisonRecords(int count) implements Fault {

    @Override
    public String description() {
        return "inject " + count + " poison records";
    }

    @Override
    public Injected inject(FaultContext context) throws Exception {
        long start = System.nanoTime();
        List<KafkaProbe.Poison> poison = context.sut().kafka.injectPoison(count, "/upgrade-assist/systemtests");
        return () -> {
            boolean deadLettered = context.sut().verifier.awaitPoisonDeadLettered(poison, Duration.ofMinutes(5));
            double seconds = (System.nanoTime() - start) / 1e9;
            String note = String.format("%s in the DLTs from every consuming group after %.1f s", deadLettered ? "all" : "NOT all", seconds);
            return new Recovery("poison: " + count + " records (broken JSON, valid ce_type) over 3 topics", 0,
                    Recovery.Scope.AROUND_THE_FAULT, poison, ignored -> note);
        };
    }
}
