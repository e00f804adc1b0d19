package dev.upgradeassist.systemtests.suite.faults;

import dev.upgradeassist.systemtests.kafka.KafkaProbe;
import dev.upgradeassist.systemtests.suite.PassLine;

import java.util.List;
import java.util.Optional;

/**
 * How a fault ended: its name in the report, the milliseconds until the component was ready again
 * (0 when there was nothing to wait for), which requests to check, the poison records to find in
 * the dead-letter topics, the report's note, and a pass line of its own when the fault has one.
 */
public record Recovery(String fault, long readyMillis, Scope scope, List<KafkaProbe.Poison> poison, Note note,
                       Optional<PassLine> line) {

    public Recovery {
        poison = List.copyOf(poison);
    }

    public Recovery(String fault, long readyMillis, Scope scope, List<KafkaProbe.Poison> poison, Note note) {
        this(fault, readyMillis, scope, poison, note, Optional.empty());
    }

    /** The requests a fault's check covers. */
    public enum Scope {
        /** Those submitted from 60 s before the fault until it recovered. */
        AROUND_THE_FAULT,
        /** Every request so far (a replay touches them all). */
        EVERY_REQUEST
    }

    /** The note, which may tell how many records were dead-lettered during an outage (NaN when not counted). */
    @FunctionalInterface
    public interface Note {
        String text(double deadLetteredDuring);
    }

    /** A fault checked around itself, with no poison and a fixed note. */
    public static Recovery of(String fault, long readyMillis, String note) {
        return new Recovery(fault, readyMillis, Scope.AROUND_THE_FAULT, List.of(), deadLettered -> note);
    }
}
