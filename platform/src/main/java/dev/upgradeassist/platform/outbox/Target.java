package dev.upgradeassist.platform.outbox;

import dev.upgradeassist.contracts.DomainEvent;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The aggregate a command is applied to ({@link AggregateStore#apply}): its type and id, whether and how it is made
 * when it does not exist yet ({@link Creation}), the event that caused the command (applied once: its id is recorded
 * in the same write as the effect), the collection when it is not the type's own, and a copy the caller already
 * holds (written without a read, unless it changed meanwhile).
 */
public final class Target<T extends AggregateRoot> {

    /** What happens when there is no aggregate with the id. */
    public enum Creation {
        /** Nothing: the command is not run and the outcome is {@link Outcome.Status#NOT_FOUND}. */
        EXISTING_ONLY,
        /** Read first and make it when missing: for commands that usually find their aggregate. */
        READ_FIRST,
        /**
         * Make and insert it first, without a read, and read only when the id exists (a redelivery, a replay, or
         * another command that got there first): for a request's first event, which nearly always creates it.
         */
        INSERT_FIRST
    }

    private final Class<T> type;
    private final String id;
    private final Creation creation;
    private final Supplier<T> creator;
    private final DomainEvent cause;
    private final String collection;
    private final T current;

    private Target(Class<T> type, String id, Creation creation, Supplier<T> creator, DomainEvent cause,
                   String collection, T current) {
        this.type = Objects.requireNonNull(type, "type");
        this.id = Objects.requireNonNull(id, "id");
        this.creation = Objects.requireNonNull(creation, "creation");
        this.creator = creator;
        this.cause = cause;
        this.collection = collection;
        this.current = current;
    }

    /** An aggregate that must exist already. */
    public static <T extends AggregateRoot> Target<T> existing(Class<T> type, String id) {
        return new Target<>(type, id, Creation.EXISTING_ONLY, null, null, null, null);
    }

    /** An aggregate made by {@code creator} when there is none with the id, the way {@code creation} says. */
    public static <T extends AggregateRoot> Target<T> orCreate(Class<T> type, String id, Supplier<T> creator,
                                                               Creation creation) {
        if (creation != Creation.EXISTING_ONLY) {
            Objects.requireNonNull(creator, "creator");
        }
        return new Target<>(type, id, creation, creator, null, null, null);
    }

    /** The command applies this event: once, however often the event is delivered. */
    public Target<T> causedBy(DomainEvent event) {
        return new Target<>(type, id, creation, creator, Objects.requireNonNull(event, "event"), collection, current);
    }

    /** The aggregate lives in this collection rather than its type's (a projection being rebuilt beside the live one). */
    public Target<T> inCollection(String name) {
        return new Target<>(type, id, creation, creator, cause, Objects.requireNonNull(name, "name"), current);
    }

    /**
     * The caller holds this copy and believes it current (it just read or claimed it): the first attempt runs the
     * command on it and writes it without a read; when it changed meanwhile, the store reads it and runs the command
     * again on the current state.
     */
    public Target<T> startingFrom(T held) {
        if (!Objects.requireNonNull(held, "held").id().equals(id)) {
            throw new IllegalArgumentException("the held copy is of another aggregate");
        }
        return new Target<>(type, id, creation, creator, cause, collection, held);
    }

    public Class<T> type() {
        return type;
    }

    public String id() {
        return id;
    }

    public Creation creation() {
        return creation;
    }

    T create() {
        return creator.get();
    }

    DomainEvent cause() {
        return cause;
    }

    String collection() {
        return collection;
    }

    T current() {
        return current;
    }
}
