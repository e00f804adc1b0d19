package dev.upgradeassist.review.runbook;

import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.platform.web.ApiProblem;
import dev.upgradeassist.review.decision.RequestReview;
import dev.upgradeassist.review.decision.ReviewService;
import dev.upgradeassist.review.decision.ReviewStatus;
import dev.upgradeassist.review.upgradepath.UpgradeAlert;
import dev.upgradeassist.review.upgradepath.UpgradePathCatalog;
import dev.upgradeassist.review.upgradepath.UpgradePathEngine;
import dev.upgradeassist.review.upgradepath.Version;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The runbook of an approved plan, as Markdown, for the customer (through the portal) and the engineer: 200
 * {@code text/markdown; charset=UTF-8}; 404 unknown request; 409 unless the current revision is approved (or the
 * customer already reported a successful upgrade), or when it was approved before review-service kept submissions.
 */
@RestController
class RunbookController {

    static final MediaType MARKDOWN = MediaType.parseMediaType("text/markdown;charset=UTF-8");

    private final ReviewService reviews;
    private final UpgradePathEngine paths;

    RunbookController(ReviewService reviews, UpgradePathEngine paths) {
        this.reviews = reviews;
        this.paths = paths;
    }

    @GetMapping("/api/v1/reviews/{requestId}/runbook")
    @PreAuthorize("hasAnyRole('PORTAL','ENGINEER')")
    ResponseEntity<String> runbook(@PathVariable String requestId) {
        RequestReview review = reviews.find(requestId)
                .orElseThrow(() -> ApiProblem.notFound("No upgrade request " + requestId));
        if (review.status() != ReviewStatus.APPROVED && review.status() != ReviewStatus.COMPLETED) {
            throw ApiProblem.conflict("Request " + requestId + " revision " + review.revision() + " is "
                    + review.status() + ": a runbook is written for an approved plan");
        }
        UpgradeSubmission submission = review.submission();
        Optional<Version> from = Optional.ofNullable(submission).flatMap(s -> Version.tryParse(s.currentVersion()));
        Optional<Version> to = Optional.ofNullable(submission).flatMap(s -> Version.tryParse(s.targetVersion()));
        if (from.isEmpty() || to.isEmpty()) {
            throw ApiProblem.conflict("Request " + requestId + " was approved before review-service kept the"
                    + " submitted plan: no runbook can be written for it (an amendment is reviewed with one)");
        }
        UpgradePathCatalog catalog = paths.catalog();
        List<UpgradeAlert> alerts = catalog.alerts().stream().filter(a -> a.appliesTo(from.get(), to.get()))
                .toList();
        RequestReview.ApprovalTerms terms = review.approvalTerms();
        String markdown = Runbook.render(new Runbook.Plan(review.id(), review.ticketId(), review.revision(),
                submission, terms == null ? null : terms.upgradeStart(),
                terms == null ? 0 : terms.windowDurationMinutes(),
                terms == null ? null : terms.rollbackEstimateMinutes(),
                review.approvedBy() == null ? "review-service" : review.approvedBy(), alerts, catalog.version()));
        return ResponseEntity.ok().contentType(MARKDOWN).body(markdown);
    }
}
