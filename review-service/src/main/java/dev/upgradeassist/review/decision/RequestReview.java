package dev.upgradeassist.review.decision;

import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.RequestDeclined;
import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.platform.outbox.AggregateRoot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The review of one upgrade request: the latest revision decided and what was decided. Its
 * outbox carries the decision events, and the platform records the ids of the intake events it
 * applied, in the same document write.
 *
 * <p>Rules: a revision is decided at most once and never after a newer one (a stale or replayed
 * event changes nothing); nothing is decided after a final decline (not entitled, out of scope);
 * an engineer may decline or recommend postponing a request that is not finally declined.
 */
@Document("request_reviews")
public class RequestReview extends AggregateRoot {

    static final String SERVICE = "review-service";

    private String ticketId;
    private Form form;
    private Region region;
    private int revision;
    private ReviewStatus status = ReviewStatus.PENDING;
    private DeclineReason declineReason;
    private String declineExplanation;
    private List<Deficiency> deficiencies = new ArrayList<>();
    private List<Finding> findings = new ArrayList<>();
    private List<String> requiredStops = new ArrayList<>();
    private CustomerContact contact;
    private Instant decidedAt;
    private String decidedBy;

    public RequestReview(String id) {
        super(id);
    }

    /** Whether a review of {@code revision} may still change this request. */
    public boolean accepts(int revision) {
        return !isClosed() && revision > this.revision;
    }

    public boolean isClosed() {
        return status == ReviewStatus.DECLINED && declineReason != null && declineReason.closesRequest();
    }

    /**
     * Records the policy's decision on a newer revision and raises its event.
     *
     * @param eventId the id of the decision event (derived from the cause, stable across retries)
     * @throws IllegalStateException when the revision is not newer, or the request is closed
     */
    void decide(ReviewDecision decision, String ticketId, Form form, Region region, CustomerContact contact,
                String eventId, Instant now) {
        if (!accepts(decision.revision())) {
            throw new IllegalStateException("Request " + id + " cannot take revision " + decision.revision()
                    + " (at " + revision + ", " + status + ")");
        }
        this.ticketId = ticketId;
        this.form = form;
        this.region = region;
        this.contact = contact;
        this.revision = decision.revision();
        this.decidedAt = now;
        this.decidedBy = SERVICE;
        this.declineReason = null;
        this.declineExplanation = null;
        this.deficiencies = new ArrayList<>();
        this.findings = new ArrayList<>();
        this.requiredStops = new ArrayList<>();

        DomainEvent event;
        if (decision instanceof ReviewDecision.Declined declined) {
            status = ReviewStatus.DECLINED;
            declineReason = declined.reason();
            declineExplanation = declined.explanation();
            event = new RequestDeclined(eventId, now, id, revision, declined.reason(), declined.explanation(),
                    SERVICE, contact);
        } else if (decision instanceof ReviewDecision.InformationMissing missing) {
            status = ReviewStatus.INFO_MISSING;
            deficiencies = new ArrayList<>(missing.deficiencies());
            findings = new ArrayList<>(missing.findings());
            requiredStops = new ArrayList<>(missing.requiredStops());
            event = new InfoMissing(eventId, now, id, revision, missing.deficiencies(), missing.findings(),
                    missing.requiredStops(), contact);
        } else {
            ReviewDecision.Approved approved = (ReviewDecision.Approved) decision;
            status = ReviewStatus.APPROVED;
            findings = new ArrayList<>(approved.findings());
            requiredStops = new ArrayList<>(approved.requiredStops());
            event = new PlanApproved(eventId, now, id, revision, ticketId, form, region, approved.findings(),
                    approved.requiredStops(), approved.wantsReviewCall(), approved.callOffered(),
                    approved.upgradeStart(), approved.windowDurationMinutes(), approved.rollbackEstimateMinutes(),
                    contact);
        }
        raise(event);
    }

    /**
     * An engineer declines the current revision or recommends postponing it (D2/D3). Declining
     * again with the same reason and explanation changes nothing.
     *
     * @return false when nothing changed (a repeated decline)
     * @throws IllegalStateException when the request is finally declined, or the reason is a final one
     */
    boolean declineByEngineer(DeclineReason reason, String explanation, String engineer, String eventId,
                              Instant now) {
        if (reason.closesRequest()) {
            throw new IllegalStateException(reason + " is decided by review, not by hand");
        }
        if (isClosed()) {
            throw new IllegalStateException("Request " + id + " is already declined (" + declineReason + ")");
        }
        if (status == ReviewStatus.DECLINED && reason == declineReason && explanation.equals(declineExplanation)) {
            return false;
        }
        status = ReviewStatus.DECLINED;
        declineReason = reason;
        declineExplanation = explanation;
        decidedAt = now;
        decidedBy = engineer;
        raise(new RequestDeclined(eventId, now, id, revision, reason, explanation, engineer, contact));
        return true;
    }

    public String ticketId() {
        return ticketId;
    }

    public int revision() {
        return revision;
    }

    public ReviewStatus status() {
        return status;
    }

    public DeclineReason declineReason() {
        return declineReason;
    }

    public List<Deficiency> deficiencies() {
        return List.copyOf(deficiencies);
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    public List<String> requiredStops() {
        return List.copyOf(requiredStops);
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public String decidedBy() {
        return decidedBy;
    }
}
