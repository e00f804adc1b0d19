package dev.upgradeassist.systemtests.load;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/** Signals a test publishes by hand, calling the listener as {@link EventSignals} does. */
final class FakeSignals implements Signals {

    private final ConcurrentHashMap<String, Set<String>> seen = new ConcurrentHashMap<>();
    private volatile BiConsumer<String, String> listener = (id, event) -> { };
    /** What {@link #covers} answers for every request (the reader caught up, or not). */
    volatile boolean covering;

    void publish(String requestId, String eventName) {
        seen.computeIfAbsent(requestId, id -> ConcurrentHashMap.newKeySet()).add(eventName);
        listener.accept(requestId, eventName);
    }

    @Override
    public boolean mailSent(String requestId) {
        return seen(requestId, "NotificationSent");
    }

    @Override
    public boolean seen(String requestId, String eventName) {
        return seen.getOrDefault(requestId, Set.of()).contains(eventName);
    }

    @Override
    public boolean covers(long submitNanos, long nowNanos) {
        return covering;
    }

    @Override
    public void onEvent(BiConsumer<String, String> listener) {
        this.listener = listener;
    }
}
