package dev.upgradeassist.systemtests.suite;

/** A part that has ended, with the machine's load average (1 min / 5 min) at that moment. */
public record Part(PartResult result, String loadAverage) {
}
