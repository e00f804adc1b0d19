package dev.upgradeassist.platform.outbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the events the broker acknowledged to this process, newest last, at most {@code capacity} of them.
 * <p>
 * A writer hands the relay its document's outbox as written; when that write landed just before the relay removed
 * an acknowledged event, the snapshot still holds the event. The relay asks this memory before it sends, so it never
 * publishes an event again that it has seen acknowledged (at-least-once stays the promise across processes and
 * crashes). The window between a write and its hand-over is short, so a bounded memory covers it.
 */
final class AcknowledgedEvents {

    private final Map<String, Boolean> ids;

    AcknowledgedEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.ids = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void add(String eventId) {
        ids.put(eventId, Boolean.TRUE);
    }

    synchronized boolean contains(String eventId) {
        return ids.containsKey(eventId);
    }

    synchronized int size() {
        return ids.size();
    }
}
