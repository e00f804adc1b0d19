package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.intake.infrastructure.IntakeProperties;
import dev.upgradeassist.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.upgradeassist.platform.security.Caller;
import dev.upgradeassist.platform.security.Role;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/upgrade-requests")
@Tag(name = "Upgrade requests")
class RequestQueryController {

    private final RequestQueryService service;
    private final int maxPageSize;

    RequestQueryController(RequestQueryService service, IntakeProperties properties) {
        this.service = service;
        this.maxPageSize = properties.maxPageSize();
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('PORTAL','ENGINEER')")
    @Operation(summary = "Read a request (PORTAL, ENGINEER); eventually consistent, the status follows the events",
            description = "A PORTAL caller (the customer) never sees INTERNAL comments nor their timeline entries.")
    @ApiResponse(responseCode = "200", description = "The request")
    @ApiResponse(responseCode = "404", description = "Unknown request")
    RequestDetailsView get(@PathVariable String id, Authentication authentication) {
        // only Support reads everything: a caller without the ENGINEER role reads as the customer (fails closed)
        RequestDetailsView.Audience audience = Caller.of(authentication).has(Role.ENGINEER)
                ? RequestDetailsView.Audience.SUPPORT : RequestDetailsView.Audience.CUSTOMER;
        return service.get(id, audience);
    }

    @GetMapping
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "The engineers' queue (ENGINEER), newest first, paged; sort=due: earliest response due first",
            description = "sort=due orders the requests whose response clock runs by its due time (so breached ones "
                    + "first), then the others; equal due times oldest first. open=true leaves out DECLINED, "
                    + "COMPLETED and CLOSED; breached=true keeps the requests whose response is overdue now (a clock "
                    + "runs and its due time has passed). Each list's total is the count a team lead looks at.")
    RequestPageView queue(@RequestParam(required = false) RequestStatus status,
                          @RequestParam(required = false) Region region,
                          @RequestParam(required = false) String assignee,
                          @RequestParam(required = false) String sort,
                          @RequestParam(defaultValue = "false") boolean open,
                          @RequestParam(defaultValue = "false") boolean breached,
                          @RequestParam(defaultValue = "0") int page,
                          @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || page > 100_000) {
            throw ApiProblem.badRequest("page", "must be between 0 and 100000");
        }
        if (size < 1 || size > maxPageSize) {
            throw ApiProblem.badRequest("size", "must be between 1 and " + maxPageSize);
        }
        String engineer = assignee == null || assignee.isBlank() ? null : assignee;
        if (sort != null && !sort.equals("due") && !sort.equals("received")) {
            throw ApiProblem.badRequest("sort", "must be due (earliest response due first) or received (newest first)");
        }
        return service.queue(new RequestQueryService.QueueFilter(status, region, engineer, open, breached),
                "due".equals(sort), page, size);
    }
}
