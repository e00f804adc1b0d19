package dev.upgradeassist.scheduling.request;

import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.platform.outbox.AggregateRoot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of a {@link RequestSchedule} as it is stored (the field names are the document's), its reads and the
 * guarded change of its stage; the subclass holds the commands that change it.
 */
abstract class RequestScheduleState extends AggregateRoot {

    String ticketId;
    Region region;
    CustomerContact contact;
    /** The engineer who owns the ticket (EngineerAssigned, hand-off). */
    String assignee;
    /** The engineer the review call is with: the assignee, else the Upgrade-focus engineer chosen at issue. */
    String engineer;
    Stage stage = Stage.OPEN;
    int approvedRevision;
    /** The highest revision approved, declined or sent back for changes; older decisions are stale. */
    int decidedRevision;
    String approvalEventId;
    Instant approvedAt;
    Instant upgradeStart;
    int windowDurationMinutes;
    int rollbackEstimateMinutes;
    Instant onHoldSince;
    List<BookingLink> links = new ArrayList<>();
    ReviewCall call;
    /** Calls cancelled before, so that their manage tokens answer "cancelled" (410). */
    List<CancelledCall> cancelledCalls = new ArrayList<>();
    /** A newer revision's window start (RequestAmended) not decided yet; it may bring the booking deadline closer. */
    int amendedRevision;
    Instant amendedUpgradeStart;

    RequestScheduleState() {
    }

    RequestScheduleState(String requestId) {
        super(requestId);
    }

    /** Changes the stage; a transition the stage does not allow is a bug of the aggregate, never a caller's mistake. */
    void moveTo(Stage next) {
        if (!stage.canBecome(next)) {
            throw new IllegalStateException("A request " + stage + " cannot become " + next);
        }
        stage = next;
    }

    public boolean isApproved() {
        return approvedRevision > 0 && upgradeStart != null;
    }

    /** The engineer who owns the ticket: the assignee, else the engineer of the call. */
    public String owner() {
        return assignee != null ? assignee : engineer;
    }

    public Optional<BookingLink> linkByTokenHash(String tokenHash) {
        return links.stream().filter(link -> link.tokenHash().equals(tokenHash)).findFirst();
    }

    public String ticketId() {
        return ticketId;
    }

    public Region region() {
        return region;
    }

    public CustomerContact contact() {
        return contact;
    }

    public String assignee() {
        return assignee;
    }

    public String engineer() {
        return engineer;
    }

    public Stage stage() {
        return stage;
    }

    public int approvedRevision() {
        return approvedRevision;
    }

    public String approvalEventId() {
        return approvalEventId;
    }

    public Instant upgradeStart() {
        return upgradeStart;
    }

    public int windowDurationMinutes() {
        return windowDurationMinutes;
    }

    public Instant onHoldSince() {
        return onHoldSince;
    }

    public List<BookingLink> links() {
        return List.copyOf(links);
    }

    public ReviewCall call() {
        return call;
    }

    public List<CancelledCall> cancelledCalls() {
        return List.copyOf(cancelledCalls);
    }

    public Optional<CancelledCall> cancelledCallByTokenHash(String manageTokenHash) {
        return cancelledCalls.stream().filter(c -> Objects.equals(c.manageTokenHash(), manageTokenHash)).findFirst();
    }

    /** A pending amendment's window start (not decided yet), or null. */
    public Instant amendedUpgradeStart() {
        return amendedUpgradeStart;
    }

    /**
     * The upgrade start the booking deadline counts from: the approved one, or a pending amendment's start when that
     * is earlier (an amendment may bring the deadline closer at once, never push it out before its approval).
     */
    public Instant effectiveUpgradeStart() {
        if (upgradeStart == null || amendedUpgradeStart == null) {
            return upgradeStart;
        }
        return amendedUpgradeStart.isBefore(upgradeStart) ? amendedUpgradeStart : upgradeStart;
    }
}
