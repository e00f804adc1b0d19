package dev.upgradeassist.scheduling.booking;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The booking call. Authorised by the one-time token alone (a public path). */
@RestController
class BookingController {

    private final BookingService bookings;

    BookingController(BookingService bookings) {
        this.bookings = bookings;
    }

    @PostMapping("/api/v1/bookings/{token}")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Book the review call through a one-time link",
            responses = {
                    @ApiResponse(responseCode = "201", description = "The booked call"),
                    @ApiResponse(responseCode = "404", description = "Unknown link (same body shape as 410)"),
                    @ApiResponse(responseCode = "409", description = "The slot was just taken; pick another"),
                    @ApiResponse(responseCode = "410", description = "The link was used, has expired or was revoked"),
                    @ApiResponse(responseCode = "422", description = "The slot is not one the link offers")})
    BookedCallView book(@PathVariable String token, @Valid @RequestBody BookingBody body) {
        return bookings.redeem(token, body.slotStart());
    }
}
