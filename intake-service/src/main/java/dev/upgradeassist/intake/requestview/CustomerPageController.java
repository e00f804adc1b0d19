package dev.upgradeassist.intake.requestview;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer's request page ({@code <web base URL>/r/<token>}): the web module finds the request its link names.
 * A POST, so the token is in no URL and no access log; nothing here logs it.
 */
@RestController
@RequestMapping("/api/v1/customer-pages")
@Tag(name = "Customer pages")
class CustomerPageController {

    private final RequestQueryService service;

    CustomerPageController(RequestQueryService service) {
        this.service = service;
    }

    @PostMapping("/lookup")
    @PreAuthorize("hasRole('PORTAL')")
    @Operation(summary = "Find the request of a customer's request page link (PORTAL)",
            description = "The body carries the token of the link `/r/<token>`. The answer is the request as "
                    + "`GET /api/v1/upgrade-requests/{id}` gives it to PORTAL (the customer): no INTERNAL comments "
                    + "nor their timeline entries. Any token that names no request (unknown, of the wrong shape, "
                    + "missing or blank) is the same 404, which says nothing about why.")
    @ApiResponse(responseCode = "200", description = "The request, as the customer may see it")
    @ApiResponse(responseCode = "400", description = "The body is not JSON, or `token` is not a string")
    @ApiResponse(responseCode = "403", description = "A role other than PORTAL")
    @ApiResponse(responseCode = "404", description = "No request page for this link")
    RequestDetailsView lookup(@RequestBody CustomerPageLookup body) {
        return service.byCustomerToken(body.token());
    }
}
