package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.platform.web.ApiProblem;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /api/v1/notifications?requestId=} (ENGINEER, OPERATOR): the emails of one request. */
@RestController
class NotificationsController {

    private final NotificationHistory history;

    NotificationsController(NotificationHistory history) {
        this.history = history;
    }

    @GetMapping("/api/v1/notifications")
    @PreAuthorize("hasAnyRole('ENGINEER','OPERATOR')")
    List<NotificationView> list(@RequestParam String requestId) {
        if (requestId.isBlank() || requestId.length() > 200) {
            throw ApiProblem.badRequest("requestId", "must be a request id");
        }
        return history.history(requestId).stream().map(NotificationView::of).toList();
    }
}
