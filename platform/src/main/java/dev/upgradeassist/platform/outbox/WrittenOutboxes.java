package dev.upgradeassist.platform.outbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The outboxes written since the relay's last round, as the writers held them. Any thread adds; the relay's thread
 * drains, keeping per document only the write with the highest version: a document's outbox only grows between the
 * relay's removals, so the newest write holds the events of the older ones.
 */
final class WrittenOutboxes {

    private final ConcurrentLinkedQueue<WrittenOutbox> queue = new ConcurrentLinkedQueue<>();

    void add(WrittenOutbox written) {
        queue.add(written);
    }

    /** Takes everything queued so far: per collection and document, in the order first written, the newest write. */
    List<WrittenOutbox> drainLatestPerDocument() {
        Map<String, Map<Object, WrittenOutbox>> byCollection = new LinkedHashMap<>();
        for (WrittenOutbox next; (next = queue.poll()) != null; ) {
            byCollection.computeIfAbsent(next.collection(), c -> new LinkedHashMap<>())
                    .merge(next.id(), next, WrittenOutbox::newer);
        }
        List<WrittenOutbox> latest = new ArrayList<>();
        byCollection.values().forEach(documents -> latest.addAll(documents.values()));
        return latest;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }
}

/** A document's outbox as one write left it, at {@code version} (null when unknown: the later write wins). */
record WrittenOutbox(String collection, Object id, Long version, List<OutboxMessage> outbox) {

    WrittenOutbox {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(id, "id");
        outbox = List.copyOf(outbox);
    }

    static WrittenOutbox newer(WrittenOutbox earlier, WrittenOutbox later) {
        return earlier.version() != null && later.version() != null && earlier.version() > later.version()
                ? earlier : later;
    }
}
