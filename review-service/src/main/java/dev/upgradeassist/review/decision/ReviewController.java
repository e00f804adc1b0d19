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

    /** Decline, or recommend postponing, the request's current revision. 202; 404 unknown; 409 finally declined. */
    @PostMapping("/api/v1/reviews/{requestId}/decline")
    @PreAuthorize("hasRole('ENGINEER')")
    ResponseEntity<ReviewView> decline(@PathVariable String requestId, @Valid @RequestBody DeclineBody body,
                                       Principal caller) {
        // who declined is the authenticated engineer, never a name in the body (an "engineer" field is ignored)
        RequestReview review = reviews.declineByEngineer(requestId, body.reason().reason(), body.explanation().strip(),
                caller.getName());
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
