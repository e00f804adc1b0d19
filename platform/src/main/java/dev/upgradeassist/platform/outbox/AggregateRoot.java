package dev.upgradeassist.platform.outbox;

import dev.upgradeassist.contracts.DomainEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
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
 * <p>
 * Events stay typed until they are saved: {@link #raise} keeps the event itself ({@link #raisedEvents()} reads it,
 * in tests and for metrics, without decoding JSON), and the store encodes what was raised into the outbox just
 * before it writes the document ({@link #stageRaisedEvents()}).
 */
public abstract class AggregateRoot {

    @Id
    protected String id;

    @Version
    protected Long version;

    private List<OutboxMessage> outbox = new ArrayList<>();

    private Set<String> appliedEventIds = new LinkedHashSet<>();

    /** The events raised on this instance since it was read or made, saved or not. */
    @Transient
    private transient List<DomainEvent> raised = new ArrayList<>();

    /** How many of {@link #raised} are in the outbox already. */
    @Transient
    private transient int staged;

    /**
     * The stored properties this instance was read without, wholly or in part (a read that left out what its
     * command never looks at); empty when it was read whole or made here. {@link AggregateStore} never writes such
     * a property from it, nor the whole document: it reads the aggregate whole first.
     */
    @Transient
    private transient Set<String> unread = Set.of();

    protected AggregateRoot() {
    }

    protected AggregateRoot(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public Long version() {
        return version;
    }

    /** Records an event to publish with this state change. */
    protected void raise(DomainEvent event) {
        raised.add(event);
    }

    /** The events raised on this instance since it was read or made, in order, as the typed records they are. */
    public List<DomainEvent> raisedEvents() {
        return Collections.unmodifiableList(raised);
    }

    /** The events raised on this instance since it was read or made that are of this type. */
    public <E extends DomainEvent> List<E> raisedEvents(Class<E> type) {
        return raised.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * The outbox as it will be written: the events waiting for the relay, including those raised on this instance
     * (encoded now if they were not yet).
     */
    public List<OutboxMessage> pendingEvents() {
        stageRaisedEvents();
        return Collections.unmodifiableList(outbox);
    }

    /**
     * Says that this instance was read without these stored properties (top-level names; a property read in part
     * counts as unread): the store then reads it whole before any write that would store one of them.
     */
    public void readWithout(Set<String> properties) {
        unread = Set.copyOf(properties);
    }

    /**
     * Whether a write of {@code fields} (property names; null for the whole document) may start from this instance:
     * true unless it was read without one of them.
     */
    public boolean writableAs(List<String> fields) {
        return unread.isEmpty() || fields != null && fields.stream().noneMatch(unread::contains);
    }

    public boolean hasApplied(String eventId) {
        return appliedEventIds.contains(eventId);
    }

    void markApplied(String eventId) {
        appliedEventIds.add(eventId);
    }

    /** Encodes the events raised since the last call into the outbox; called before every write of the document. */
    void stageRaisedEvents() {
        stageNewEvents();
    }

    /** As {@link #stageRaisedEvents()}, returning the messages it added to the outbox (for a write of those alone). */
    List<OutboxMessage> stageNewEvents() {
        int before = outbox.size();
        for (; staged < raised.size(); staged++) {
            outbox.add(OutboxMessage.of(raised.get(staged)));
        }
        return List.copyOf(outbox.subList(before, outbox.size()));
    }

    /** After a write that moved the stored version on by one without mapping this instance (a write of some fields). */
    void versionWritten() {
        version = version == null ? 1L : version + 1;
    }
}
