package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.contracts.model.Region;

import java.time.Instant;
import java.util.List;

/**
 * An engineer asked the customer for changes to the current revision (in either approval mode, while it is in
 * review, approved, linked, booked or on hold): the request waits on the customer ({@code AWAITING_INFO}) until
 * an amendment. {@code deficiencies} are the engineer's items (code {@link Deficiency#ENGINEER_REQUESTED}, with
 * the engineer's field, message and hint) next to any the automatic checks found; {@code feedback} is the
 * engineer's text for the customer (may be null when only items were given); {@code requestedBy} the engineer.
 * An open booking link is revoked.
 * <p>review-service raises it itself ({@code requestedBy} {@code review-service}) when GitLab's upgrade-path data
 * changed under an approved plan whose window is still ahead and the plan no longer fits it (a missed stop, a
 * known-bad patch): then the deficiencies carry the automatic checks' codes only, and the feedback names the data
 * version. Once per request and data version.
 * <p>{@code assignee} is the engineer who owns the ticket as review-service last heard of it ({@code EngineerAssigned}),
 * null when unassigned; {@code region} the request's region: together they say which engineers to tell when the
 * change was not asked for by an engineer. Events from before these fields were added have them null.
 */
public record ChangesRequested(
        String eventId,
        Instant occurredAt,
        String requestId,
        int revision,
        String requestedBy,
        String feedback,
        List<Deficiency> deficiencies,
        List<Finding> findings,
        List<String> requiredStops,
        CustomerContact contact,
        String assignee,
        Region region) implements DomainEvent {

    /** The shape before {@code assignee} and {@code region} were added. */
    public ChangesRequested(String eventId, Instant occurredAt, String requestId, int revision, String requestedBy,
                            String feedback, List<Deficiency> deficiencies, List<Finding> findings,
                            List<String> requiredStops, CustomerContact contact) {
        this(eventId, occurredAt, requestId, revision, requestedBy, feedback, deficiencies, findings, requiredStops,
                contact, null, null);
    }
}
