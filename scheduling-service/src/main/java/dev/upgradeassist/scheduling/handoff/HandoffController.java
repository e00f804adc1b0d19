package dev.upgradeassist.scheduling.handoff;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HandoffController {

    private final HandoffService handoffs;

    HandoffController(HandoffService handoffs) {
        this.handoffs = handoffs;
    }

    @PostMapping("/api/v1/upgrade-requests/{id}/handoff")
    @PreAuthorize("hasRole('ENGINEER')")
    @Operation(summary = "Hand the ticket to another engineer after syncing with them (409 unless syncCompleted)")
    HandoffView handOff(@PathVariable String id, @Valid @RequestBody HandoffBody body, java.security.Principal caller) {
        return handoffs.handOff(id, body, caller.getName());
    }
}
