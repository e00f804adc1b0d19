package dev.upgradeassist.systemtests.suite.faults;

import java.util.Optional;

/**
 * One fault of the fault phase, injected under a steady load: {@link #inject} breaks something,
 * the returned {@link Injected#recover()} brings it back (an outage lasts its time there) and tells
 * how to check the requests around it. A fault is a value: everything it measures travels in the
 * handle and the {@link Recovery}.
 */
public interface Fault {

    /** What the console says when the fault starts. */
    String description();

    /** When the fault happens relative to the previous one, for the report ("" when that does not matter). */
    default String when() {
        return "";
    }

    /** Whether the fault is a kill -9 of a service, whose restart also has a pass line (healthy within 10 s). */
    default boolean restartsAService() {
        return false;
    }

    /**
     * For an outage no record may be dead-lettered during (the records must wait): the pass line;
     * the phase counts the dead-letter topics before the fault and after its check.
     */
    default Optional<String> nothingDeadLetteredLine() {
        return Optional.empty();
    }

    /** Before the fault's clock starts: a pause, a sweep of the mailboxes. */
    default void prepare(FaultContext context) throws Exception {
    }

    /** Breaks the component. */
    Injected inject(FaultContext context) throws Exception;

    /** A fault in place. */
    @FunctionalInterface
    interface Injected {

        /** Brings the component back and waits until it is ready. */
        Recovery recover() throws Exception;
    }
}
