package dev.upgradeassist.intake.submission;

import dev.upgradeassist.platform.domain.RuleViolation;
import dev.upgradeassist.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

@RestController
@RequestMapping("/api/v1/upgrade-requests")
@Tag(name = "Upgrade requests", description = "Submitting and amending upgrade-assistance requests")
class SubmissionController {

    private final SubmissionService service;

    SubmissionController(SubmissionService service) {
        this.service = service;
    }

    @PostMapping
    @PreAuthorize("hasRole('PORTAL')")
    @Operation(summary = "Submit an upgrade-assistance request (PORTAL)",
            description = "Missing information is not an error: review reports it. 400 only for an unreadable body.")
    @ApiResponse(responseCode = "202", description = "Received; Location points at the request")
    @ApiResponse(responseCode = "400", description = "Unreadable body or unknown organization")
    @ApiResponse(responseCode = "413", description = "Body larger than 256 KiB")
    @ApiResponse(responseCode = "422", description = "Idempotency-Key reused with a different body")
    ResponseEntity<AcceptedView> submit(
            @Parameter(description = "Retries with the same key and body answer the first response again")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @Valid @RequestBody SubmissionBody body) {
        AcceptedView accepted = withDirectorySummary(() -> service.submit(body.toSubmission(), idempotencyKey));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/upgrade-requests/" + accepted.id()))
                .body(accepted);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('PORTAL')")
    @Operation(summary = "Replace the submission with a corrected one (PORTAL); reviewed again as a new revision")
    @ApiResponse(responseCode = "202", description = "Amended")
    @ApiResponse(responseCode = "404", description = "Unknown request")
    @ApiResponse(responseCode = "409", description = "The request is completed or finally declined")
    ResponseEntity<AcceptedView> amend(@PathVariable String id, @Valid @RequestBody SubmissionBody body) {
        AcceptedView accepted = withDirectorySummary(() -> service.amend(id, body.toSubmission()));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/upgrade-requests/" + accepted.id()))
                .body(accepted);
    }

    /**
     * An organization missing from the directory is answered with its own summary rather than the generic "The
     * request is invalid", as it always was.
     */
    private static AcceptedView withDirectorySummary(Supplier<AcceptedView> command) {
        try {
            return command.get();
        } catch (RuleViolation violation) {
            if (violation.kind() == RuleViolation.Kind.INVALID
                    && SubmissionService.UNKNOWN_ORGANIZATION_FIELD.equals(violation.field())
                    && SubmissionService.UNKNOWN_ORGANIZATION.equals(violation.getMessage())) {
                throw ApiProblem.badRequest("The organization is not in the organization directory", List.of(
                        new ApiProblem.FieldError(violation.field(), violation.getMessage())));
            }
            throw violation;
        }
    }
}
