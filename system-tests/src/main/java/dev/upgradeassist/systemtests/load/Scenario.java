package dev.upgradeassist.systemtests.load;

import java.util.List;
import java.util.Set;

/**
 * The kinds of request in the load mix, each with the status it ends in and the event whose publication makes that
 * status due (intake-service's view takes it from that event: {@code RequestProjection}, {@code SchedulingProjection}).
 */
public enum Scenario {
    /** Complete, no call wanted: approved, ticket on hold until the upgrade. */
    APPROVED("ON_HOLD", "TicketOnHold", 30),
    /** Complete, call wanted, more than 48 h ahead: approved, a personal booking link is issued. */
    CALL_WANTED("CALL_LINK_ISSUED", "BookingLinkIssued", 20),
    /** No rollback plan: review asks for it. */
    MISSING_INFO("AWAITING_INFO", "InfoMissing", 25),
    /** Organization {@code initech} has no Priority Support: declined. */
    NOT_ENTITLED("DECLINED", "RequestDeclined", 15),
    /** Adds a Geo site: not an upgrade, declined. */
    OUT_OF_SCOPE("DECLINED", "RequestDeclined", 10);

    private final String finalStatus;
    private final String finalEvent;
    private final int weight;

    Scenario(String finalStatus, String finalEvent, int weight) {
        this.finalStatus = finalStatus;
        this.finalEvent = finalEvent;
        this.weight = weight;
    }

    public String finalStatus() {
        return finalStatus;
    }

    /** The simple name of the event ({@code EventTypes}) that moves intake's view to {@link #finalStatus()}. */
    public String finalEvent() {
        return finalEvent;
    }

    public int weight() {
        return weight;
    }

    /** Statuses a request of this kind may show on its way (anything else is wrong). */
    public Set<String> transitional() {
        return switch (this) {
            case APPROVED, CALL_WANTED -> Set.of("SUBMITTED", "APPROVED");
            default -> Set.of("SUBMITTED");
        };
    }

    /**
     * A deterministic interleaving by weight (30/20/25/15/10 per 100 requests): request {@code n}
     * always has the same scenario, so two runs submit the same mix in the same order.
     */
    public static Scenario forRequest(long n) {
        int slot = (int) ((n * 37) % 100);   // 37 is coprime to 100: each slot once per 100 requests
        int acc = 0;
        for (Scenario s : values()) {
            acc += s.weight;
            if (slot < acc) {
                return s;
            }
        }
        throw new AssertionError();
    }

    public static List<Scenario> all() {
        return List.of(values());
    }
}
