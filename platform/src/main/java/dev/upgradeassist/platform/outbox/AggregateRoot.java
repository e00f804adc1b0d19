package dev.upgradeassist.platform.outbox;

import dev.upgradeassist.contracts.DomainEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A MongoDB document that owns its state, the events it has raised but not yet published (its
 * outbox) and the ids of the events it has already applied. All three are written together in one
 * single-document update, which every MongoDB deployment (and the embedded fallback) makes atomic:
 * no dual writes, and idempotent consumers without multi-document transactions.
 */
public abstract class AggregateRoot {

    @Id
    protected String id;

    @Version
    protected Long version;

    private List<OutboxMessage> outbox = new ArrayList<>();

    private Set<String> appliedEventIds = new LinkedHashSet<>();

    protected AggregateRoot() {
    }

    protected AggregateRoot(String id) {
        this.id = id;
    }

    public String getId() {
        return id;
    }

    public Long getVersion() {
        return version;
    }

    /** Records an event to publish with this state change. */
    protected void raise(DomainEvent event) {
        outbox.add(OutboxMessage.of(event));
    }

    public List<OutboxMessage> pendingEvents() {
        return Collections.unmodifiableList(outbox);
    }

    public boolean hasApplied(String eventId) {
        return appliedEventIds.contains(eventId);
    }

    void markApplied(String eventId) {
        appliedEventIds.add(eventId);
    }
}
