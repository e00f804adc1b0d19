package dev.upgradeassist.systemtests.suite.faults;

import dev.upgradeassist.systemtests.SystemUnderTest;
import dev.upgradeassist.systemtests.load.LoadGenerator;
import dev.upgradeassist.systemtests.suite.StackProbes;

import java.util.function.Consumer;

/** What a fault works on: the stack, its probes, the steady load running through the fault phase, the console. */
public record FaultContext(SystemUnderTest sut, StackProbes probes, LoadGenerator.Steady load, Consumer<String> log) {
}
