package dev.upgradeassist.systemtests.suite;

import java.util.List;

/** What one part of the full suite measured; immutable once the part has ended. */
public interface PartResult {

    /** The part's pass lines, in the order the report lists them. */
    default List<PassLine> passLines() {
        return List.of();
    }
}
