package dev.upgradeassist.review.decision;

import dev.upgradeassist.platform.web.ApiProblem;
import jakarta.validation.Valid;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Engineers' access to review decisions. */
@RestController
class ReviewController {

    private final ReviewService reviews;

    ReviewController(ReviewService reviews) {
        this.reviews = reviews;
    }

    /**
     * Decline, or recommend postponing, the request's current revision, in any status but declined, completed or
     * closed. 202 (the same decline again: 202, nothing published); 404 unknown; 409 declined (otherwise), completed
     * or closed.
     */
    @PostMapping("/api/v1/reviews/{requestId}/decline")
    @PreAuthorize("hasRole('ENGINEER')")
    ResponseEntity<ReviewView> decline(@PathVariable String requestId, @Valid @RequestBody DeclineBody body,
                                       Principal caller) {
        // who declined is the authenticated engineer, never a name in the body (an "engineer" field is ignored)
        RequestReview review = reviews.declineByEngineer(requestId, body.reason().reason(), body.explanation().strip(),
                caller.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ReviewView.of(review));
    }

    /**
     * Approve the current revision, which waits IN_REVIEW (approval mode ENGINEER), with optional feedback for the
     * customer. 202; 404 unknown; 409 when not IN_REVIEW (approved already, declined, waiting on the customer,
     * completed, closed) or when {@code revision} is given and is not the current one (a stale approval).
     */
    @PostMapping("/api/v1/reviews/{requestId}/approve")
    @PreAuthorize("hasRole('ENGINEER')")
    ResponseEntity<ReviewView> approve(@PathVariable String requestId,
                                       @Valid @RequestBody(required = false) ApproveBody body, Principal caller) {
        ApproveBody approval = body == null ? new ApproveBody(null, null) : body;
        String feedback = approval.feedback() == null || approval.feedback().isBlank() ? null
                : approval.feedback().strip();
        RequestReview review = reviews.approve(requestId, approval.revision(), feedback, caller.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ReviewView.of(review));
    }

    /**
     * Ask the customer for changes to the current revision (either mode) while it is IN_REVIEW or APPROVED
     * (linked, booked or on hold, for scheduling). 202; 400 without items and feedback, or an item without field or
     * message; 404 unknown; 409 declined, completed, closed, already waiting on the customer, or a stale
     * {@code revision}.
     */
    @PostMapping("/api/v1/reviews/{requestId}/request-changes")
    @PreAuthorize("hasRole('ENGINEER')")
    ResponseEntity<ReviewView> requestChanges(@PathVariable String requestId,
                                              @Valid @RequestBody RequestChangesBody body, Principal caller) {
        if (body.deficiencies().isEmpty() && body.feedbackText() == null) {
            throw ApiProblem.badRequest("items", "give at least one item, or feedback for the customer");
        }
        RequestReview review = reviews.requestChanges(requestId, body.revision(), body.feedbackText(),
                body.deficiencies(), caller.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ReviewView.of(review));
    }

    /** The latest review decision on a request. */
    @GetMapping("/api/v1/reviews/{requestId}")
    @PreAuthorize("hasAnyRole('ENGINEER','OPERATOR')")
    ReviewView read(@PathVariable String requestId) {
        return reviews.find(requestId).map(ReviewView::of)
                .orElseThrow(() -> ApiProblem.notFound("No upgrade request " + requestId));
    }
}
