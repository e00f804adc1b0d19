package dev.upgradeassist.intake.lifecycle;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import dev.upgradeassist.platform.security.Caller;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/upgrade-requests/{id}")
@Tag(name = "Upgrade requests")
class LifecycleController {

    private final LifecycleService service;

    LifecycleController(LifecycleService service) {
        this.service = service;
    }

    @PostMapping("/assignment")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Assign the ticket to an engineer (ENGINEER); the organization's TAM is CC'd",
            description = "Without `engineer` (or without a body) the caller takes the ticket.")
    @ApiResponse(responseCode = "200", description = "Assigned")
    @ApiResponse(responseCode = "400", description = "Blank or multi-line engineer")
    @ApiResponse(responseCode = "404", description = "Unknown request")
    AssignmentView assign(@PathVariable String id, @Valid @RequestBody(required = false) AssignmentBody body,
                          Authentication caller) {
        return service.assign(id, body == null ? null : body.engineer(), Caller.of(caller));
    }

    @PostMapping("/close")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Close the request without an outcome (ENGINEER): CLOSED, reason ENGINEER_CLOSED",
            description = "No body needed (any body is ignored). The caller is recorded as who closed it (RequestClosed"
                    + " actor). Every clock stops; the request takes no comment, outcome or amendment afterwards.")
    @ApiResponse(responseCode = "200", description = "Closed")
    @ApiResponse(responseCode = "404", description = "Unknown request")
    @ApiResponse(responseCode = "409", description = "The request is completed or already closed")
    CloseView close(@PathVariable String id, Authentication caller) {
        return service.close(id, Caller.of(caller));
    }

    @PostMapping("/auto-close")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Turn auto-close (NO_RESPONSE) off or back on for this request (ENGINEER)",
            description = "With it off, the pending reminder still goes (closesAt null) and the request is never closed"
                    + " for want of an answer.")
    @ApiResponse(responseCode = "200", description = "The setting")
    @ApiResponse(responseCode = "400", description = "enabled missing or not a boolean")
    @ApiResponse(responseCode = "404", description = "Unknown request")
    AutoCloseView autoClose(@PathVariable String id, @Valid @RequestBody AutoCloseBody body) {
        return service.autoClose(id, body.enabled());
    }

    @PostMapping("/outcome")
    @PreAuthorize("hasRole('PORTAL')")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Report how the upgrade went (PORTAL): SUCCEEDED completes, PROBLEMS gets rollback advice")
    @ApiResponse(responseCode = "202", description = "Reported")
    @ApiResponse(responseCode = "404", description = "Unknown request")
    @ApiResponse(responseCode = "409", description = "The request is not on hold or in rollback advice")
    OutcomeView reportOutcome(@PathVariable String id, @Valid @RequestBody OutcomeBody body) {
        return service.reportOutcome(id, body.result(), body.details());
    }
}
