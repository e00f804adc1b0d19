package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.model.CustomerContact;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;

import java.time.Instant;

/**
 * A comment on a request. {@code author} is the engineer's name, or {@code customer}; an engineer's comment is
 * {@code PUBLIC} (emailed to the customer) or {@code INTERNAL} (never leaves Support: no email, no customer view);
 * a customer's is always {@code PUBLIC} and is emailed to {@code assignee}, or, when it is null, to the
 * Upgrade-focus engineers of {@code region}. {@code form} decides the TAM CC as on every customer email.
 */
public record CommentAdded(
        String eventId,
        Instant occurredAt,
        String requestId,
        String commentId,
        String author,
        AuthorRole authorRole,
        Visibility visibility,
        String body,
        String ticketId,
        Form form,
        Region region,
        String assignee,
        CustomerContact contact) implements DomainEvent {

    public enum AuthorRole { ENGINEER, CUSTOMER }

    public enum Visibility { PUBLIC, INTERNAL }
}
