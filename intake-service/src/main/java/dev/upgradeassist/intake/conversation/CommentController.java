package dev.upgradeassist.intake.conversation;

import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.platform.security.Caller;
import dev.upgradeassist.platform.security.Role;
import dev.upgradeassist.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/upgrade-requests/{id}/comments")
@Tag(name = "Upgrade requests")
class CommentController {

    private final CommentService service;

    CommentController(CommentService service) {
        this.service = service;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('PORTAL','ENGINEER')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Comment on a request (PORTAL: the customer, always PUBLIC; ENGINEER: PUBLIC reply or INTERNAL note)",
            description = "The author is the authenticated caller: `customer` for PORTAL, the engineer's name for ENGINEER. "
                    + "An engineer must say `visibility`; PORTAL may omit it or send PUBLIC.")
    @ApiResponse(responseCode = "201", description = "The comment as recorded")
    @ApiResponse(responseCode = "400", description = "Body blank, over 20,000 characters or with control characters; "
            + "visibility missing (engineer) or unknown")
    @ApiResponse(responseCode = "403", description = "INTERNAL from PORTAL")
    @ApiResponse(responseCode = "404", description = "Unknown request")
    @ApiResponse(responseCode = "409", description = "The request is completed (or closed)")
    @ApiResponse(responseCode = "422", description = "Idempotency-Key reused with a different comment")
    CommentView add(@PathVariable String id,
                    @Parameter(description = "Retries with the same key and comment answer the first comment again")
                    @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                    @RequestBody CommentBody body, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (!caller.has(Role.ENGINEER) && body.visibility() == CommentAdded.Visibility.INTERNAL) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden",
                    "Only engineers write INTERNAL notes; a customer's comment is always PUBLIC", null);
        }
        return service.add(id, caller, body, idempotencyKey);
    }
}
