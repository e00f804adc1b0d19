package dev.upgradeassist.systemtests.suite;

/** One line of the report's pass-line table: what was required, whether it was met, and what was reached. */
public record PassLine(String line, boolean met, String reached) {

    /** "met" or a bold "MISSED", as the report prints it. */
    public String result() {
        return met ? "met" : "**MISSED**";
    }

    /** As the console prints it. */
    public String logLine() {
        return "  pass line " + (met ? "met" : "MISSED") + ": " + line + " — " + reached;
    }
}
