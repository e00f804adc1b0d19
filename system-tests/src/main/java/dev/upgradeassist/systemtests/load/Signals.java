package dev.upgradeassist.systemtests.load;

import java.util.function.BiConsumer;

/**
 * What the topics have shown about a request so far: the gate of the {@link Tracker}'s HTTP polls. Event names are
 * the simple names of {@code dev.upgradeassist.contracts.EventTypes} ({@code TicketOnHold}, {@code NotificationSent}).
 */
public interface Signals {

    /** A {@code NotificationSent} was published for the request (an email of it was accepted by SMTP). */
    boolean mailSent(String requestId);

    /** An event of this name was published for the request. */
    boolean seen(String requestId, String eventName);

    /**
     * Has {@code listener} called with (request id, event name) after each event is recorded, so that a waiting poll
     * can be made due at once; the default never calls it (the tracker then finds the signal when it next looks).
     */
    default void onEvent(BiConsumer<String, String> listener) {
    }
}
