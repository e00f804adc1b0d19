package dev.upgradeassist.intake.request;

import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.MaintenanceWindow;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.OutcomeResult;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.platform.ids.RandomIds;
import dev.upgradeassist.platform.outbox.AggregateRoot;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A customer's upgrade-assistance request as intake owns it: the current submission and its
 * revision, the organization snapshot, who to contact and who is assigned. Every change raises its
 * event into the outbox in the same single-document write.
 */
@Document("upgrade_requests")
public class UpgradeRequest extends AggregateRoot {

    /** Both portal forms create the ticket at HIGH priority. */
    public static final String PRIORITY = "HIGH";

    @Indexed(unique = true)
    private String ticketId;
    private int revision;
    private String priority;
    private UpgradeSubmission submission;
    private Organization organization;
    private CustomerContact contact;
    private String assignee;
    private Instant receivedAt;
    private Instant updatedAt;

    @PersistenceCreator
    UpgradeRequest() {
    }

    private UpgradeRequest(String id) {
        super(id);
    }

    /** A new request, revision 1; raises {@link RequestReceived}. */
    public static UpgradeRequest receive(String id, String ticketId, UpgradeSubmission submission,
                                         Organization organization, Clock clock) {
        UpgradeRequest request = new UpgradeRequest(id);
        Instant now = clock.instant();
        request.ticketId = ticketId;
        request.revision = 1;
        request.priority = PRIORITY;
        request.submission = submission;
        request.organization = organization;
        request.contact = contactFor(ticketId, submission, organization);
        request.receivedAt = now;
        request.updatedAt = now;
        request.raise(new RequestReceived(RandomIds.uuid(), now, id, ticketId, request.revision,
                request.priority, submission, organization, request.contact));
        return request;
    }

    /** The customer replaced the submission: a new revision, reviewed again; raises {@link RequestAmended}. */
    public void amend(UpgradeSubmission newSubmission, Organization newOrganization, Clock clock) {
        Instant now = clock.instant();
        revision++;
        submission = newSubmission;
        organization = newOrganization;
        contact = contactFor(ticketId, newSubmission, newOrganization);
        updatedAt = now;
        raise(new RequestAmended(RandomIds.uuid(), now, id, ticketId, revision, priority,
                newSubmission, newOrganization, contact));
    }

    /**
     * The triaging engineer takes the ticket; the TAM (if any) is CC'd. Assigning the engineer who
     * already has it changes nothing and raises nothing.
     *
     * @return true when the assignee changed
     */
    public boolean assign(String engineer, Clock clock) {
        if (engineer.equals(assignee)) {
            return false;
        }
        Instant now = clock.instant();
        assignee = engineer;
        updatedAt = now;
        raise(new EngineerAssigned(RandomIds.uuid(), now, id, ticketId, engineer, ccs()));
        return true;
    }

    /** The customer reports how the upgrade went; raises {@link UpgradeOutcomeReported}. */
    public void reportOutcome(OutcomeResult result, String details, Clock clock) {
        Instant now = clock.instant();
        updatedAt = now;
        raise(new UpgradeOutcomeReported(RandomIds.uuid(), now, id, ticketId, result, details));
    }

    /** Internal CCs: the organization's TAM, when it has one. */
    public List<String> ccs() {
        return contact != null && contact.tamEmail() != null ? List.of(contact.tamEmail()) : List.of();
    }

    private static CustomerContact contactFor(String ticketId, UpgradeSubmission submission, Organization organization) {
        String tamEmail = organization.tam() == null ? null : organization.tam().email();
        MaintenanceWindow window = submission.maintenanceWindow();
        return new CustomerContact(ticketId,
                submission.requester() == null ? null : submission.requester().name(),
                submission.requester() == null ? null : submission.requester().email(),
                submission.contactEmail(), tamEmail, window == null ? null : window.timeZone());
    }

    public String getTicketId() {
        return ticketId;
    }

    public int getRevision() {
        return revision;
    }

    public String getPriority() {
        return priority;
    }

    public UpgradeSubmission getSubmission() {
        return submission;
    }

    public Organization getOrganization() {
        return organization;
    }

    public CustomerContact getContact() {
        return contact;
    }

    public String getAssignee() {
        return assignee;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }
}
