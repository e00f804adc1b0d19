package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.notification.infrastructure.NotificationProperties;
import dev.upgradeassist.notification.templates.Addresses;
import dev.upgradeassist.notification.templates.CalendarInvitations;
import dev.upgradeassist.notification.templates.MailRenderer;
import dev.upgradeassist.notification.templates.RenderedMail;
import dev.upgradeassist.platform.outbox.AggregateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Records the emails of the moments in the once-and-only-once ledger: each is validated, rendered and inserted with its
 * deterministic key as {@code _id} (insert first: a redelivered or replayed event finds the key taken and sends
 * nothing). The delivery worker then claims what was recorded ({@link DeliveryClaims}).
 */
@Service
public class NotificationRecorder {

    private static final Logger log = LoggerFactory.getLogger(NotificationRecorder.class);

    private final AggregateStore store;
    private final MailRenderer renderer;
    private final NotificationMetrics metrics;
    private final RequestMilestones milestones;
    private final NotificationProperties properties;
    private final ApplicationEventPublisher events;
    private final LedgerWrites writes;
    private final Clock clock;

    NotificationRecorder(AggregateStore store, MailRenderer renderer, NotificationMetrics metrics,
                         RequestMilestones milestones, NotificationProperties properties,
                         ApplicationEventPublisher events, LedgerWrites writes, Clock clock) {
        this.writes = writes;
        this.store = store;
        this.renderer = renderer;
        this.metrics = metrics;
        this.milestones = milestones;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Records one email once. Invalid addresses are dropped (each reported FAILED); with no valid
     * To left, or an unsafe ticket id, the whole email is reported FAILED instead of sent.
     *
     * @return true when the email (or an address dropped from it) was in the ledger already: the event was handled
     *         before (a redelivery or a replay)
     */
    public boolean record(MailRequest request) {
        return record(request, MilestoneFacts.NONE);
    }

    /**
     * As {@link #record(MailRequest)}, with what the email's event tells the request's milestones
     * ({@link MilestoneFacts}: RequestReceived's submission, the start of the {@code submitted_to_first_email} stage;
     * PlanApproved's window), written in the same upsert that lists the email's key (the earliest submission wins, so a
     * redelivery or replay changes nothing).
     * <p>
     * On the US Government instance CCs are disabled (domain §f): a request whose form is {@code US_FEDERAL}, as its
     * event says or an earlier event of it said, copies no one. The key still covers the Cc the event named, so an email
     * recorded before that was known (or before this rule) is not recorded a second time on a replay.
     *
     * @return true when the email (or an address dropped from it) was in the ledger already
     */
    public boolean record(MailRequest request, MilestoneFacts facts) {
        if (facts == null) {
            facts = MilestoneFacts.NONE;
        }
        Instant now = clock.instant();
        boolean noCc = ccDisabled(request);
        List<String> to = new ArrayList<>();
        List<String> cc = new ArrayList<>();
        List<String> withheld = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        sort(request.to(), to, refused, seen);
        if (noCc) {
            sort(request.cc(), withheld, new ArrayList<>(), new LinkedHashSet<>(seen)); // for the key only, never reported
        } else {
            sort(request.cc(), cc, refused, seen);
        }
        boolean duplicate = false;

        if (to.isEmpty()) {
            List<String> rawTo = printable(request.to());
            List<String> rawCc = printable(request.cc());
            String none = request.noRecipientReason() != null ? request.noRecipientReason() : "no recipient";
            String reason = refused.isEmpty() ? none
                    : "no valid recipient: " + String.join("; ", refused.stream().map(Refused::toString).toList());
            String logged = refused.isEmpty() ? none
                    : "no valid recipient: " + String.join("; ", refused.stream().map(Refused::problem).toList());
            return insert(NotificationEntry.refused(NotificationKey.of(request.identity(), request.template(), rawTo, rawCc),
                    request, rawTo, noCc ? List.of() : rawCc, reason, now), request, facts, logged);
        }
        for (Refused bad : refused) {
            List<String> address = List.of(bad.address());
            String dropped = NotificationKey.of(request.identity(), request.template(), address, List.of());
            duplicate |= insert(NotificationEntry.refused(dropped, request, address, List.of(), "recipient dropped: " + bad, now),
                    request, facts, "recipient dropped: " + bad.problem());
        }

        // no look-up first: the insert of the deterministic key is the check (a redelivered or replayed event
        // finds it taken); rendering a replayed event's email again costs less than a read for every email
        String key = request.onceKey() != null ? NotificationKey.once(request.onceKey(), request.template())
                : NotificationKey.of(request.sourceEventId(), request.template(), to, noCc ? withheld : cc);
        if (!MailRenderer.isSafeTicketId(request.ticketId())) {
            return insert(NotificationEntry.refused(key, request, to, cc,
                    "ticket id is not safe for a mail header: " + Addresses.printable(request.ticketId()), now), request,
                    facts, "ticket id is not safe for a mail header") | duplicate;
        }
        if (request.requestId() == null || request.requestId().isBlank()) {
            // every email carries its request's links (the customer's request page): without a request id, none
            return insert(NotificationEntry.refused(key, request, to, cc,
                    "no request id: the email cannot carry its request's links", now), request, facts,
                    "no request id: the email cannot carry its request's links") | duplicate;
        }
        String noInvitation = request.invitation() == null ? null : CalendarInvitations.problem(request.invitation());
        if (noInvitation != null) {
            return insert(NotificationEntry.refused(key, request, to, cc, noInvitation, now), request, facts,
                    noInvitation) | duplicate;
        }
        // the invitation is built here, with the bodies, and stored with them: a retry sends the same calendar part
        // and the request's links: the bodies (never logged) hold the customer's request page token
        RenderedMail mail = renderer.render(request.template(), request.requestId(), request.ticketId(), request.model(),
                request.invitation());
        return insert(NotificationEntry.pending(key, request, to, cc, mail, now, properties.delivery().lease()), request,
                facts, null) | duplicate;
    }

    /**
     * True when the email must copy no one: its request is of the US Government instance, as its event says or, for an
     * event that does not say, as an earlier event of the request said (read only when there is someone to copy).
     * A request none of whose events that carry the form was handled yet is taken as not of that instance.
     */
    private boolean ccDisabled(MailRequest request) {
        Form form = request.form();
        if (form == null && request.cc() != null && request.cc().stream().anyMatch(a -> a != null)) {
            form = milestones.form(request.requestId());
        }
        return form == Form.US_FEDERAL;
    }

    /** An address that failed strict parsing, made printable, and why. */
    private record Refused(String address, String problem) {
        @Override
        public String toString() {
            return problem + " (" + address + ")";
        }
    }

    private static void sort(List<String> raw, List<String> valid, List<Refused> refused, Set<String> seen) {
        if (raw == null) {
            return;
        }
        for (String address : raw) {
            if (address == null) {
                continue;
            }
            Optional<String> normalized = Addresses.normalize(address);
            if (normalized.isPresent()) {
                if (seen.add(normalized.get())) {
                    valid.add(normalized.get());
                }
            } else {
                refused.add(new Refused(Addresses.printable(address), Addresses.problem(address)));
            }
        }
    }

    private static List<String> printable(List<String> raw) {
        return raw == null ? List.of() : raw.stream().filter(a -> a != null).map(Addresses::printable).toList();
    }

    /**
     * The record whose emails were recorded since the last call is done: {@code countDuplicate} runs once when it was
     * handled before ({@code again}, or any of its emails in the ledger already), at once or, when its emails wait for
     * the end of the poll ({@link LedgerWrites}), once they are written.
     */
    public void handled(boolean again, Runnable countDuplicate) {
        if (LedgerWrites.deferring()) {
            writes.recordDone(again, countDuplicate);
        } else if (again) {
            countDuplicate.run();
        }
    }

    /**
     * @param logged why a FAILED entry was refused, without any address or other customer text (for the log)
     * @return true when the key was taken already; false when it was not, or when the insert waits for the end of the
     *         poll ({@link LedgerWrites}: its outcome is reported then)
     */
    private boolean insert(NotificationEntry entry, MailRequest request, MilestoneFacts facts, String logged) {
        // listed before the insert: a crash in between lists a key with no entry, which history() skips
        milestones.listed(entry.requestId(), entry.id(), facts, request.form());
        if (LedgerWrites.deferring()) {
            writes.entry(entry, new LedgerWrites.EntryOutcome() {
                @Override
                public void recorded() {
                    NotificationRecorder.this.recorded(entry, logged);
                }

                @Override
                public void existed() {
                    duplicate(entry);
                }
            });
            return false;
        }
        try {
            store.insert(entry);
        } catch (DuplicateKeyException e) {
            duplicate(entry);
            return true;
        }
        recorded(entry, logged);
        return false;
    }

    private void recorded(NotificationEntry entry, String logged) {
        if (entry.status() == NotificationStatus.FAILED) {
            metrics.outcome(entry.template(), NotificationMetrics.FAILED);
            log.warn("Notification {} ({}) for request {} refused: {}", entry.id(), entry.template().tag(),
                    entry.requestId(), logged);
        } else {
            events.publishEvent(new EntryRecorded(entry));
        }
    }

    private void duplicate(NotificationEntry entry) {
        metrics.outcome(entry.template(), NotificationMetrics.DUPLICATE_SKIPPED);
        log.debug("Notification {} already in the ledger, skipped", entry.id());
    }
}
