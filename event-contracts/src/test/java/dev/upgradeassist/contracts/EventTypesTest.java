package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.EventTypes.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry against the events contract: type ids, names and topics are fixed on the wire. */
class EventTypesTest {

    /** The topic table of the events contract, written out literally so that a renamed constant fails here. */
    private static final Map<String, String> CONTRACT_TOPICS = Map.ofEntries(
            entry("RequestReceived", "upgrade-assist.intake.events"),
            entry("RequestAmended", "upgrade-assist.intake.events"),
            entry("EngineerAssigned", "upgrade-assist.intake.events"),
            entry("UpgradeOutcomeReported", "upgrade-assist.intake.events"),
            entry("CommentAdded", "upgrade-assist.intake.events"),
            entry("SlaBreached", "upgrade-assist.intake.events"),
            entry("PendingReminderDue", "upgrade-assist.intake.events"),
            entry("OnHoldRecheckDue", "upgrade-assist.intake.events"),
            entry("CallReminderDue", "upgrade-assist.intake.events"),
            entry("RequestClosed", "upgrade-assist.intake.events"),
            entry("InfoMissing", "upgrade-assist.review.events"),
            entry("PlanApproved", "upgrade-assist.review.events"),
            entry("RequestDeclined", "upgrade-assist.review.events"),
            entry("PlanAwaitingApproval", "upgrade-assist.review.events"),
            entry("ChangesRequested", "upgrade-assist.review.events"),
            entry("BookingLinkIssued", "upgrade-assist.scheduling.events"),
            entry("ReviewCallBooked", "upgrade-assist.scheduling.events"),
            entry("ReviewCallRescheduled", "upgrade-assist.scheduling.events"),
            entry("ReviewCallCancelled", "upgrade-assist.scheduling.events"),
            entry("BookingLinkExpired", "upgrade-assist.scheduling.events"),
            entry("EngineerHandedOff", "upgrade-assist.scheduling.events"),
            entry("TicketOnHold", "upgrade-assist.scheduling.events"),
            entry("RollbackAdvised", "upgrade-assist.scheduling.events"),
            entry("RequestCompleted", "upgrade-assist.scheduling.events"),
            entry("NotificationSent", "upgrade-assist.notification.events"),
            entry("NotificationFailed", "upgrade-assist.notification.events"));

    private static Collection<EventType> types() {
        return EventTypes.all().values();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.upgradeassist.contracts.GoldenFiles#typeIds")
    void typeIdIsTheNameDotVersion(String typeId) {
        EventType type = EventTypes.byTypeId(typeId).orElseThrow();

        assertThat(typeId)
                .matches("[A-Z][A-Za-z0-9]*\\.v[1-9][0-9]*")
                .isEqualTo(type.name() + ".v" + type.version())
                .isEqualTo(type.typeId());
    }

    @Test
    void typeIdsAreUniqueEvenIgnoringCase() {
        assertThat(types())
                .extracting(type -> type.typeId().toLowerCase(Locale.ROOT))
                .doesNotHaveDuplicates();
    }

    @Test
    void eachRecordIsRegisteredUnderOneTypeId() {
        assertThat(types()).extracting(EventType::javaType).doesNotHaveDuplicates();
        types().forEach(type -> assertThat(EventTypes.of(type.javaType())).isEqualTo(type));
    }

    @Test
    void namesArePastTenseFactsWithoutAnEventSuffix() {
        assertThat(types())
                .extracting(EventType::name)
                .allSatisfy(name -> assertThat(name).doesNotEndWith("Event").doesNotEndWith("Events"));
    }

    @Test
    void everyContractEventIsRegisteredAndNothingElse() {
        assertThat(types()).extracting(EventType::name).containsExactlyInAnyOrderElementsOf(CONTRACT_TOPICS.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.upgradeassist.contracts.GoldenFiles#typeIds")
    void typeIsPublishedOnItsProducingServiceTopic(String typeId) {
        EventType type = EventTypes.byTypeId(typeId).orElseThrow();

        assertThat(type.topic()).isEqualTo(CONTRACT_TOPICS.get(type.name()));
        assertThat(Topics.ALL).contains(type.topic());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.upgradeassist.contracts.GoldenFiles#typeIds")
    void noJavaClassNameAppearsInTheTypeId(String typeId) {
        Class<?> javaType = EventTypes.byTypeId(typeId).orElseThrow().javaType();

        assertThat(typeId)
                .doesNotContain(javaType.getName())
                .doesNotContain(javaType.getPackageName())
                .doesNotContain("$")
                .doesNotContain("dev.upgradeassist");
        assertThat(typeId.chars().filter(c -> c == '.').count())
                .as("the only dot separates the name from the version")
                .isEqualTo(1);
    }

    @Test
    void recordNamesMatchTheirEventNames() {
        assertThat(types()).allSatisfy(type ->
                assertThat(type.javaType().getSimpleName()).as(type.typeId()).isEqualTo(type.name()));
    }

    @Test
    void unknownOrMissingTypeIdsResolveToNothing() {
        assertThat(EventTypes.byTypeId("PlanApproved.v99")).isEmpty();
        assertThat(EventTypes.byTypeId("dev.upgradeassist.contracts.PlanApproved")).isEmpty();
        assertThat(EventTypes.byTypeId(null)).isEmpty();
    }

    @Test
    void registryCannotBeChangedFromOutside() {
        Map<String, EventType> all = EventTypes.all();

        assertThatThrownBy(() -> all.remove("PlanApproved.v1")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void thereIsOneTopicPerProducingService() {
        assertThat(Set.copyOf(CONTRACT_TOPICS.values())).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }
}
