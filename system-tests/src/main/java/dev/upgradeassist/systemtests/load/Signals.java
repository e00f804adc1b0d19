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
     * Whether every event published for a request submitted at {@code submitNanos} has been read by {@code nowNanos},
     * but for those of the last few seconds: then an event of it not {@link #seen} was not published (or only just),
     * and a safety-net poll over HTTP can find nothing the topics have not shown. The default: never (the net polls).
     */
    default boolean covers(long submitNanos, long nowNanos) {
        return false;
    }

    /**
     * Has {@code listener} called with (request id, event name) after each event is recorded, so that a waiting poll
     * can be made due at once; the default never calls it (the tracker then finds the signal when it next looks).
     */
    default void onEvent(BiConsumer<String, String> listener) {
    }
}
