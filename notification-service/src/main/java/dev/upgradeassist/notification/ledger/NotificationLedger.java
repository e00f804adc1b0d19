package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.notification.delivery.Addresses;
import dev.upgradeassist.notification.infrastructure.NotificationProperties;
import dev.upgradeassist.notification.templates.CalendarInvitations;
import dev.upgradeassist.notification.templates.MailRenderer;
import dev.upgradeassist.notification.templates.RenderedMail;
import dev.upgradeassist.platform.outbox.AggregateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The once-and-only-once ledger. A moment's email is validated, rendered and inserted with its
 * deterministic key as {@code _id} (insert first: a redelivered or replayed event finds the key
 * taken and sends nothing). The delivery worker then claims due entries and reports each attempt.
 */
@Service
public class NotificationLedger {

    private static final Logger log = LoggerFactory.getLogger(NotificationLedger.class);

    /**
     * Published after an entry was written, so that the delivery worker starts at once: a PENDING entry as
     * written, claimed at birth for this instance.
     */
    public record EntryRecorded(NotificationEntry entry) {

        public String key() {
            return entry.getId();
        }
    }

    private final AggregateStore store;
    private final MongoTemplate mongo;
    private final MailRenderer renderer;
    private final NotificationMetrics metrics;
    private final RequestMilestones milestones;
    private final NotificationProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NotificationLedger(AggregateStore store, MongoTemplate mongo, MailRenderer renderer, NotificationMetrics metrics,
                       RequestMilestones milestones, NotificationProperties properties,
                       ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.mongo = mongo;
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
        return record(request, null);
    }

    /**
     * As {@link #record(MailRequest)}, for the email of a RequestReceived: {@code submittedAt} (the start of the
     * {@code submitted_to_first_email} stage) is remembered in the same write that lists the email's key under
     * its request (the earliest wins, so a redelivery or replay changes nothing).
     * <p>
     * On the US Government instance CCs are disabled (domain §f): a request whose form is {@code US_FEDERAL}, as its
     * event says or an earlier event of it said, copies no one. The key still covers the Cc the event named, so an email
     * recorded before that was known (or before this rule) is not recorded a second time on a replay.
     *
     * @return true when the email (or an address dropped from it) was in the ledger already
     */
    public boolean record(MailRequest request, Instant submittedAt) {
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
                    request, rawTo, noCc ? List.of() : rawCc, reason, now), request, submittedAt, logged);
        }
        for (Refused bad : refused) {
            List<String> address = List.of(bad.address());
            String dropped = NotificationKey.of(request.identity(), request.template(), address, List.of());
            duplicate |= insert(NotificationEntry.refused(dropped, request, address, List.of(), "recipient dropped: " + bad, now),
                    request, submittedAt, "recipient dropped: " + bad.problem());
        }

        // no look-up first: the insert of the deterministic key is the check (a redelivered or replayed event
        // finds it taken); rendering a replayed event's email again costs less than a read for every email
        String key = request.onceKey() != null ? NotificationKey.once(request.onceKey(), request.template())
                : NotificationKey.of(request.sourceEventId(), request.template(), to, noCc ? withheld : cc);
        if (!MailRenderer.isSafeTicketId(request.ticketId())) {
            return insert(NotificationEntry.refused(key, request, to, cc,
                    "ticket id is not safe for a mail header: " + Addresses.printable(request.ticketId()), now), request,
                    submittedAt, "ticket id is not safe for a mail header") | duplicate;
        }
        String noInvitation = request.invitation() == null ? null : CalendarInvitations.problem(request.invitation());
        if (noInvitation != null) {
            return insert(NotificationEntry.refused(key, request, to, cc, noInvitation, now), request, submittedAt,
                    noInvitation) | duplicate;
        }
        // the invitation is built here, with the bodies, and stored with them: a retry sends the same calendar part
        RenderedMail mail = renderer.render(request.template(), request.ticketId(), request.model(), request.invitation());
        return insert(NotificationEntry.pending(key, request, to, cc, mail, now, properties.delivery().lease()), request,
                submittedAt, null) | duplicate;
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
     * @param logged why a FAILED entry was refused, without any address or other customer text (for the log)
     * @return true when the key was taken already
     */
    private boolean insert(NotificationEntry entry, MailRequest request, Instant submittedAt, String logged) {
        // listed before the insert: a crash in between lists a key with no entry, which history() skips
        milestones.listed(entry.getRequestId(), entry.getId(), submittedAt, request.form());
        try {
            store.insert(entry);
        } catch (DuplicateKeyException e) {
            duplicate(entry);
            return true;
        }
        if (entry.getStatus() == NotificationStatus.FAILED) {
            metrics.outcome(entry.getTemplate(), NotificationMetrics.FAILED);
            log.warn("Notification {} ({}) for request {} refused: {}", entry.getId(), entry.getTemplate().tag(),
                    entry.getRequestId(), logged);
        } else {
            events.publishEvent(new EntryRecorded(entry));
        }
        return false;
    }

    private void duplicate(NotificationEntry entry) {
        metrics.outcome(entry.getTemplate(), NotificationMetrics.DUPLICATE_SKIPPED);
        log.debug("Notification {} already in the ledger, skipped", entry.getId());
    }

    // ------------------------------------------------------------------ delivery side

    /**
     * The keys of up to {@code limit} due entries (PENDING or RETRYING with {@code nextAttemptAt <= now}), the
     * longest due first: one query for a whole round of the safety net, which the caller then claims one by one
     * by key ({@link #claim(String, Duration)}). On the embedded MongoDB-protocol server this query reads the whole
     * ledger (it has no secondary indexes), so it must never run once per email.
     */
    public List<String> dueKeys(int limit) {
        Instant now = clock.instant();
        Query due = new Query(Criteria.where("status").in(NotificationStatus.PENDING.name(), NotificationStatus.RETRYING.name())
                .and("nextAttemptAt").lte(Date.from(now)))
                .with(Sort.by("nextAttemptAt")).limit(limit);
        due.fields().include("_id");
        return mongo.find(due, org.bson.Document.class, mongo.getCollectionName(NotificationEntry.class)).stream()
                .map(document -> document.getString("_id")).toList();
    }

    /**
     * Claims one entry by its key when it is due (PENDING or RETRYING with {@code nextAttemptAt <= now}), in two reads by the
     * primary key: the entry, then a conditional write on {@code (_id, version)}. No query here has a key the
     * indexes do not cover, so the embedded MongoDB-protocol server does not read the whole ledger for it.
     */
    public Optional<NotificationEntry> claim(String key, Duration lease) {
        Instant now = clock.instant();
        NotificationEntry entry = mongo.findById(key, NotificationEntry.class);
        if (entry == null || entry.getStatus().isFinal() || entry.getNextAttemptAt() == null
                || entry.getNextAttemptAt().isAfter(now)) {
            return Optional.empty();
        }
        Query unchanged = new Query(Criteria.where("_id").is(key).and("version").is(entry.getVersion()));
        return claim(unchanged, now, lease);
    }

    /**
     * The entry this instance has just recorded, to send now: as recorded (claimed at birth, no write) while at
     * least half its lease is left; else claimed again with a fresh lease by one conditional write on
     * {@code (_id, version)}, or by its key ({@link #claim(String, Duration)}) when it changed meanwhile.
     */
    public Optional<NotificationEntry> claimRecorded(EntryRecorded recorded, Duration lease) {
        NotificationEntry entry = recorded.entry();
        Instant now = clock.instant();
        if (entry.getVersion() != null && entry.getNextAttemptAt() != null
                && now.isBefore(entry.getNextAttemptAt().minus(lease.dividedBy(2)))) {
            return Optional.of(entry);
        }
        return claimRecorded(entry.getId(), entry.getVersion(), lease);
    }

    /**
     * An entry this instance recorded at {@code version} (claimed at birth, its first attempt counted then), held in
     * memory by its key alone: its lease renewed by one conditional write on {@code (_id, version)}, which returns the
     * whole entry and counts no second attempt (nothing was sent yet: any attempt would have changed the version);
     * when it changed meanwhile (another instance claimed it once the lease ran out, or it was sent), by its key,
     * which takes it only when it is due.
     */
    public Optional<NotificationEntry> claimRecorded(String key, Long version, Duration lease) {
        if (version == null) {
            return claim(key, lease);
        }
        Query unchanged = new Query(Criteria.where("_id").is(key).and("version").is(version));
        Update renew = new Update().set("nextAttemptAt", Date.from(clock.instant().plus(lease))).inc("version", 1);
        NotificationEntry renewed = mongo.findAndModify(unchanged, renew, FindAndModifyOptions.options().returnNew(true),
                NotificationEntry.class);
        if (renewed == null) {
            return claim(key, lease);
        }
        // a final entry is never sent again, whatever version the caller held (the query stays on the (_id, version)
        // index; a status condition in it would make the embedded server read the whole ledger)
        return renewed.getStatus().isFinal() ? Optional.empty() : Optional.of(renewed);
    }

    private Optional<NotificationEntry> claim(Query due, Instant now, Duration lease) {
        Update claim = new Update().set("nextAttemptAt", Date.from(now.plus(lease))).inc("attempts", 1).inc("version", 1);
        return Optional.ofNullable(mongo.findAndModify(due, claim, FindAndModifyOptions.options().returnNew(true),
                NotificationEntry.class));
    }

    /** SMTP accepted the email: SENT, NotificationSent raised in the same write. */
    public void sent(NotificationEntry claimed, Instant sentAt) {
        sent(claimed, sentAt, List.of());
    }

    /** When an entry is due for its next attempt. */
    public record Due(String key, Instant at) {
    }

    /**
     * SMTP accepted the email for every recipient but {@code refused} (a partial rejection at {@code RCPT TO}): it was
     * delivered to those, once, and is SENT (NotificationSent names them). Each refused recipient gets an entry of its
     * own, written first (a crash in between leaves the email to be sent again, whose refusals then find their keys
     * taken): FAILED and NotificationFailed for a permanent refusal, never retried; for a temporary one the same
     * message for that recipient alone, retried with the usual back-off.
     *
     * @return the entries to attempt again later (the temporarily refused recipients')
     */
    public List<Due> sent(NotificationEntry claimed, Instant sentAt, List<RefusedRecipient> refused) {
        List<Due> later = new ArrayList<>();
        for (RefusedRecipient recipient : refused) {
            String key = NotificationKey.recipient(claimed.getId(), recipient.address());
            String reply = recipient.replyCode() > 0 ? "reply " + recipient.replyCode() : "no reply code";
            NotificationEntry entry;
            if (recipient.permanent()) {
                entry = NotificationEntry.refusedRecipient(key, claimed, recipient.address(),
                        "recipient refused by the SMTP server (" + reply + "); the other recipients received the email",
                        sentAt);
            } else {
                Instant retryAt = sentAt.plus(properties.retry().backoffAfter(1));
                entry = NotificationEntry.retryRecipient(key, claimed, recipient.address(),
                        "recipient refused for now by the SMTP server (" + reply
                                + "); the other recipients received the email", sentAt, retryAt);
            }
            milestones.listed(claimed.getRequestId(), key, null);
            try {
                store.insert(entry);
            } catch (DuplicateKeyException e) {
                continue; // reported by an earlier delivery of the same email
            }
            if (recipient.permanent()) {
                metrics.outcome(entry.getTemplate(), NotificationMetrics.FAILED);
                log.warn("Notification {} ({}) for request {}: a recipient was refused by the SMTP server ({}), "
                        + "reported as {}", claimed.getId(), claimed.getTemplate().tag(), claimed.getRequestId(), reply, key);
            } else {
                log.info("Notification {} ({}) for request {}: a recipient was refused for now by the SMTP server ({}), "
                                + "retried for it alone as {} at {}", claimed.getId(), claimed.getTemplate().tag(),
                        claimed.getRequestId(), reply, key, entry.getNextAttemptAt());
                later.add(new Due(key, entry.getNextAttemptAt()));
            }
        }
        List<String> notDelivered = refused.stream().map(RefusedRecipient::address).toList();
        boolean[] changed = {false};
        try {
            // the claimed document is the current one unless the lease ran out meanwhile: save it without a read
            changed[0] = claimed.markSent(sentAt, notDelivered);
            if (changed[0]) {
                store.save(claimed);
            }
        } catch (org.springframework.dao.OptimisticLockingFailureException e) {
            changed[0] = false;
            store.updateIfChanged(NotificationEntry.class, claimed.getId(),
                    entry -> changed[0] = entry.markSent(sentAt, notDelivered));
        }
        if (changed[0]) {
            metrics.outcome(claimed.getTemplate(), NotificationMetrics.SENT);
            milestones.emailSent(claimed.getRequestId(), sentAt);
        }
        return later;
    }

    /**
     * An attempt failed: RETRYING with back-off, or FAILED (and NotificationFailed) when permanent or out of attempts.
     * {@code error} goes to the ledger (and the NotificationFailed reason); {@code cause} to the log, so it names no
     * address and carries no text of the SMTP server (exception classes and reply codes only).
     *
     * @return when the entry is due again, or empty when it is final now
     */
    public Optional<Instant> attemptFailed(NotificationEntry claimed, String error, String cause, boolean permanent) {
        Instant now = clock.instant();
        NotificationProperties.Retry retry = properties.retry();
        boolean lastAttempt = permanent || claimed.getAttempts() >= retry.maxAttempts();
        Instant retryAt = lastAttempt ? null : now.plus(retry.backoffAfter(claimed.getAttempts()));
        boolean[] failed = {false};
        boolean[] stillOurs = {true};
        // lease-checked: only the attempt that holds the entry decides; when the lease ran out and another instance
        // claimed it (a new version), this late failure must not re-schedule what the other attempt is sending
        store.updateIfChanged(NotificationEntry.class, claimed.getId(), entry -> {
            if (!java.util.Objects.equals(entry.getVersion(), claimed.getVersion())) {
                stillOurs[0] = false;
                return false;
            }
            failed[0] = entry.attemptFailed(error, now, retryAt);
            return true;
        });
        if (!stillOurs[0]) {
            log.info("Notification {} ({}) attempt {} failed after its lease ran out; the attempt that claimed it since "
                    + "decides: {}", claimed.getId(), claimed.getTemplate().tag(), claimed.getAttempts(), cause);
            return Optional.empty();
        }
        if (failed[0]) {
            metrics.outcome(claimed.getTemplate(), NotificationMetrics.FAILED);
            log.warn("Notification {} ({}) for request {} FAILED after {} attempt(s): {}", claimed.getId(),
                    claimed.getTemplate().tag(), claimed.getRequestId(), claimed.getAttempts(), cause);
            return Optional.empty();
        }
        log.info("Notification {} ({}) attempt {} failed, next at {}: {}", claimed.getId(), claimed.getTemplate().tag(),
                claimed.getAttempts(), retryAt, cause);
        return Optional.ofNullable(retryAt);
    }

    // ------------------------------------------------------------------ reading

    /** Everything the ledger holds for a request, oldest first. */
    public List<NotificationEntry> history(String requestId) {
        List<String> keys = milestones.keys(requestId);
        List<NotificationEntry> entries = new java.util.ArrayList<>(keys.isEmpty() ? List.of()
                : mongo.find(Query.query(Criteria.where("_id").in(keys)), NotificationEntry.class));
        if (!milestones.listsAllKeys(requestId)) {
            // entries recorded before request_milestones listed their keys: found by a query on requestId
            java.util.Set<String> seen = new java.util.HashSet<>(keys);
            mongo.find(Query.query(Criteria.where("requestId").is(requestId)), NotificationEntry.class).stream()
                    .filter(e -> !seen.contains(e.getId())).forEach(entries::add);
        }
        entries.sort(java.util.Comparator.comparing(NotificationEntry::getCreatedAt,
                java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())).thenComparing(NotificationEntry::getId));
        return entries;
    }

    public Optional<NotificationEntry> find(String key) {
        return store.find(NotificationEntry.class, key);
    }
}
