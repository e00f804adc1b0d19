package dev.upgradeassist.contracts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that names every event: its logical type id on the wire ({@code ce_type}),
 * its Java record, and the topic it is published on. No Java class name ever goes on the wire.
 */
public final class EventTypes {

    public record EventType(String name, int version, Class<? extends DomainEvent> javaType, String topic) {
        public String typeId() {
            return name + ".v" + version;
        }
    }

    private static final Map<String, EventType> BY_TYPE_ID = new LinkedHashMap<>();
    private static final Map<Class<?>, EventType> BY_CLASS = new LinkedHashMap<>();

    static {
        register("RequestReceived", 1, RequestReceived.class, Topics.INTAKE);
        register("RequestAmended", 1, RequestAmended.class, Topics.INTAKE);
        register("EngineerAssigned", 1, EngineerAssigned.class, Topics.INTAKE);
        register("UpgradeOutcomeReported", 1, UpgradeOutcomeReported.class, Topics.INTAKE);
        register("CommentAdded", 1, CommentAdded.class, Topics.INTAKE);
        register("SlaBreached", 1, SlaBreached.class, Topics.INTAKE);
        register("PendingReminderDue", 1, PendingReminderDue.class, Topics.INTAKE);
        register("OnHoldRecheckDue", 1, OnHoldRecheckDue.class, Topics.INTAKE);
        register("CallReminderDue", 1, CallReminderDue.class, Topics.INTAKE);
        register("RequestClosed", 1, RequestClosed.class, Topics.INTAKE);

        register("InfoMissing", 1, InfoMissing.class, Topics.REVIEW);
        register("PlanApproved", 1, PlanApproved.class, Topics.REVIEW);
        register("RequestDeclined", 1, RequestDeclined.class, Topics.REVIEW);
        register("PlanAwaitingApproval", 1, PlanAwaitingApproval.class, Topics.REVIEW);
        register("ChangesRequested", 1, ChangesRequested.class, Topics.REVIEW);

        register("BookingLinkIssued", 1, BookingLinkIssued.class, Topics.SCHEDULING);
        register("ReviewCallBooked", 1, ReviewCallBooked.class, Topics.SCHEDULING);
        register("ReviewCallRescheduled", 1, ReviewCallRescheduled.class, Topics.SCHEDULING);
        register("ReviewCallCancelled", 1, ReviewCallCancelled.class, Topics.SCHEDULING);
        register("BookingLinkExpired", 1, BookingLinkExpired.class, Topics.SCHEDULING);
        register("EngineerHandedOff", 1, EngineerHandedOff.class, Topics.SCHEDULING);
        register("TicketOnHold", 1, TicketOnHold.class, Topics.SCHEDULING);
        register("RollbackAdvised", 1, RollbackAdvised.class, Topics.SCHEDULING);
        register("RequestCompleted", 1, RequestCompleted.class, Topics.SCHEDULING);

        register("NotificationSent", 1, NotificationSent.class, Topics.NOTIFICATION);
        register("NotificationFailed", 1, NotificationFailed.class, Topics.NOTIFICATION);
    }

    private EventTypes() {
    }

    private static void register(String name, int version, Class<? extends DomainEvent> type, String topic) {
        EventType eventType = new EventType(name, version, type, topic);
        BY_TYPE_ID.put(eventType.typeId(), eventType);
        BY_CLASS.put(type, eventType);
    }

    public static Optional<EventType> byTypeId(String typeId) {
        return Optional.ofNullable(typeId).map(BY_TYPE_ID::get);
    }

    public static EventType of(Class<? extends DomainEvent> type) {
        EventType eventType = BY_CLASS.get(type);
        if (eventType == null) {
            throw new IllegalArgumentException("Not a registered event type: " + type.getSimpleName());
        }
        return eventType;
    }

    public static EventType of(DomainEvent event) {
        return of(event.getClass());
    }

    public static Map<String, EventType> all() {
        return Collections.unmodifiableMap(BY_TYPE_ID);
    }
}
