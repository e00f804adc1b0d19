package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.stack.HarnessStack;

import java.nio.file.Path;
import java.util.List;

/** Every process start of the run (infrastructure and services, cold and restarted), and where the stacks' data is. */
public record ProcessStarts(List<HarnessStack.Start> starts, Path workDirectory) implements PartResult {

    public ProcessStarts {
        starts = List.copyOf(starts);
    }
}
