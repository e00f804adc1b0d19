package dev.upgradeassist.scheduling.booking;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

@RestController
class LinkReissueController {

    private final BookingService bookings;

    LinkReissueController(BookingService bookings) {
        this.bookings = bookings;
    }

    @PostMapping("/api/v1/upgrade-requests/{id}/booking-link")
    @PreAuthorize("hasRole('ENGINEER')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue a new single-use booking link (no-show, expired, asked again); any open link is revoked",
            responses = {
                    @ApiResponse(responseCode = "201", description = "The new link (emailed to the customer too)"),
                    @ApiResponse(responseCode = "404", description = "Unknown request"),
                    @ApiResponse(responseCode = "409", description = "Not approved, a call is booked, or the upgrade "
                            + "is less than the booking lead time away")})
    ReissuedLinkView reissue(@PathVariable String id, Principal caller) {
        return bookings.reissue(id, caller.getName());
    }
}
