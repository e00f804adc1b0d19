package dev.upgradeassist.scheduling.request;

import java.time.Duration;

/** What a change to a {@link RequestSchedule} did, for the meters. */
public record ScheduleEffects(int linksIssued, int linksClosed, Duration approvedToOnHold, int callsCancelled) {

    static final ScheduleEffects NONE = new ScheduleEffects(0, 0, null, 0);

    public ScheduleEffects(int linksIssued, int linksClosed, Duration approvedToOnHold) {
        this(linksIssued, linksClosed, approvedToOnHold, 0);
    }
}
