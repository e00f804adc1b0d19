package dev.upgradeassist.scheduling.booking;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The customer's calls on their booked call. Authorised by the manage token alone (a public path). */
@RestController
class CallController {

    private final CallService calls;

    CallController(CallService calls) {
        this.calls = calls;
    }

    @PostMapping("/api/v1/calls/{token}/reschedule")
    @Operation(summary = "Move the booked review call to another open slot",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The call at its new time"),
                    @ApiResponse(responseCode = "404", description = "Unknown token"),
                    @ApiResponse(responseCode = "409", description = "The slot was just taken; pick another"),
                    @ApiResponse(responseCode = "410", description = "The call was cancelled, or the booking deadline passed"),
                    @ApiResponse(responseCode = "422", description = "The slot is not one offered for this call")})
    CallView reschedule(@PathVariable String token, @Valid @RequestBody BookingBody body) {
        return calls.reschedule(token, body.slotStart());
    }

    @PostMapping("/api/v1/calls/{token}/cancel")
    @Operation(summary = "Cancel the booked review call (the ticket stays on hold without a call)",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The cancelled call"),
                    @ApiResponse(responseCode = "404", description = "Unknown token"),
                    @ApiResponse(responseCode = "410", description = "The call was cancelled before or has started")})
    CallView cancel(@PathVariable String token) {
        return calls.cancel(token);
    }
}
