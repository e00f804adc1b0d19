package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.verify.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * The fault phase: each fault's result, the outages' dead-letter pass lines, and the check of every
 * request of the phase at its end ({@code unfinished}: not done 10 minutes after the load stopped).
 */
public record FaultPhaseResult(double rate, int requests, double seconds, List<FaultResult> faults,
                               List<PassLine> faultLines, Verdict total, int unfinished) implements PartResult {

    public FaultPhaseResult {
        faults = List.copyOf(faults);
        faultLines = List.copyOf(faultLines);
    }

    @Override
    public List<PassLine> passLines() {
        List<PassLine> lines = new ArrayList<>(faultLines);
        faults.forEach(f -> lines.addAll(f.passLines()));
        lines.add(new PassLine("all faults, whole fault phase (final check over every request, after GreenMail's restart)",
                total.passed() && unfinished == 0, Verdicts.shortLine(total) + (unfinished == 0 ? "" : "; " + unfinished + " unfinished")));
        return lines;
    }
}
