package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.notification.templates.MailRenderer;
import dev.upgradeassist.notification.templates.Template;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Ledger entries written straight to the ledger for a test: PENDING, claimed at birth; no delivery thread hears of them. */
final class RecordedEntries {

    static final Duration LEASE = Duration.ofSeconds(60);

    private RecordedEntries() {
    }

    /** A rendered "upgrade completed" email of {@code requestId}'s event {@code sourceEventId} to {@code address}. */
    static NotificationEntry completed(MailRenderer renderer, MongoTemplate mongo, String requestId, String ticketId,
                                       String sourceEventId, String address) {
        List<String> to = List.of(address);
        var request = new MailRequest(requestId, ticketId, sourceEventId, "RequestCompleted.v1",
                Template.COMPLETED, to, List.of(), Map.of("requesterName", "Dana", "details", "done"));
        String key = NotificationKey.of(request.sourceEventId(), request.template(), to, List.of());
        var mail = renderer.render(request.template(), request.requestId(), request.ticketId(), request.model());
        return mongo.insert(NotificationEntry.pending(key, request, to, List.of(), mail, Instant.now(), LEASE));
    }
}
