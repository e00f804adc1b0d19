package dev.upgradeassist.platform.outbox;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * What applying a command to an aggregate came to ({@link AggregateStore#apply}): whether it was written, and the
 * command's own result.
 *
 * @param aggregate the aggregate as written, or as read when nothing was written; null when there is none
 * @param result    what the command returned; null when it did not run ({@link Status#NOT_FOUND},
 *                  {@link Status#ALREADY_APPLIED})
 */
public record Outcome<T extends AggregateRoot, R>(Status status, T aggregate, R result) {

    public enum Status {
        /** The command ran and the aggregate was written (with the cause's id, when there is a cause). */
        WRITTEN,
        /** The command ran and found nothing to change: nothing was written. */
        UNCHANGED,
        /** The cause had been applied before: the command did not run again. */
        ALREADY_APPLIED,
        /** There is no aggregate with the id, and the target does not make one. */
        NOT_FOUND
    }

    public boolean written() {
        return status == Status.WRITTEN;
    }

    public boolean found() {
        return status != Status.NOT_FOUND;
    }

    public boolean alreadyApplied() {
        return status == Status.ALREADY_APPLIED;
    }

    /** The aggregate, when there is one. */
    public Optional<T> aggregateIfFound() {
        return Optional.ofNullable(aggregate);
    }

    /** The aggregate, or {@code missing}'s exception when there is none. */
    public <X extends RuntimeException> T aggregateOrThrow(Supplier<X> missing) {
        if (aggregate == null) {
            throw missing.get();
        }
        return aggregate;
    }
}
