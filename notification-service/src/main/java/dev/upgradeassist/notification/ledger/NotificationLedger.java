package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.notification.delivery.Addresses;
import dev.upgradeassist.notification.infrastructure.NotificationProperties;
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
     */
    public void record(MailRequest request) {
        record(request, null);
    }

    /**
     * As {@link #record(MailRequest)}, for the email of a RequestReceived: {@code submittedAt} (the start of the
     * {@code submitted_to_first_email} stage) is remembered in the same write that lists the email's key under
     * its request (the earliest wins, so a redelivery or replay changes nothing).
     */
    public void record(MailRequest request, Instant submittedAt) {
        Instant now = clock.instant();
        List<String> to = new ArrayList<>();
        List<String> cc = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        sort(request.to(), to, refused, seen);
        sort(request.cc(), cc, refused, seen);

        if (to.isEmpty()) {
            List<String> rawTo = printable(request.to());
            List<String> rawCc = printable(request.cc());
            String reason = refused.isEmpty() ? "no recipient"
                    : "no valid recipient: " + String.join("; ", refused.stream().map(Refused::toString).toList());
            insert(NotificationEntry.refused(NotificationKey.of(request.sourceEventId(), request.template(), rawTo, rawCc),
                    request, rawTo, rawCc, reason, now), submittedAt);
            return;
        }
        for (Refused bad : refused) {
            List<String> address = List.of(bad.address());
            insert(NotificationEntry.refused(NotificationKey.of(request.sourceEventId(), request.template(), address, List.of()),
                    request, address, List.of(), "recipient dropped: " + bad, now), submittedAt);
        }

        // no look-up first: the insert of the deterministic key is the check (a redelivered or replayed event
        // finds it taken); rendering a replayed event's email again costs less than a read for every email
        String key = NotificationKey.of(request.sourceEventId(), request.template(), to, cc);
        if (!MailRenderer.isSafeTicketId(request.ticketId())) {
            insert(NotificationEntry.refused(key, request, to, cc,
                    "ticket id is not safe for a mail header: " + Addresses.printable(request.ticketId()), now), submittedAt);
            return;
        }
        RenderedMail mail = renderer.render(request.template(), request.ticketId(), request.model());
        insert(NotificationEntry.pending(key, request, to, cc, mail, now, properties.delivery().lease()), submittedAt);
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

    private void insert(NotificationEntry entry, Instant submittedAt) {
        // listed before the insert: a crash in between lists a key with no entry, which history() skips
        milestones.listed(entry.getRequestId(), entry.getId(), submittedAt);
        try {
            store.insert(entry);
        } catch (DuplicateKeyException e) {
            duplicate(entry);
            return;
        }
        if (entry.getStatus() == NotificationStatus.FAILED) {
            metrics.outcome(entry.getTemplate(), NotificationMetrics.FAILED);
            log.warn("Notification {} ({}) for request {} refused: {}", entry.getId(), entry.getTemplate().tag(),
                    entry.getRequestId(), entry.getLastError());
        } else {
            events.publishEvent(new EntryRecorded(entry));
        }
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
        boolean[] changed = {false};
        try {
            // the claimed document is the current one unless the lease ran out meanwhile: save it without a read
            changed[0] = claimed.markSent(sentAt);
            if (changed[0]) {
                store.save(claimed);
            }
        } catch (org.springframework.dao.OptimisticLockingFailureException e) {
            changed[0] = false;
            store.updateIfChanged(NotificationEntry.class, claimed.getId(), entry -> changed[0] = entry.markSent(sentAt));
        }
        if (changed[0]) {
            metrics.outcome(claimed.getTemplate(), NotificationMetrics.SENT);
            milestones.emailSent(claimed.getRequestId(), sentAt);
        }
    }

    /**
     * An attempt failed: RETRYING with back-off, or FAILED (and NotificationFailed) when permanent or out of attempts.
     *
     * @return when the entry is due again, or empty when it is final now
     */
    public Optional<Instant> attemptFailed(NotificationEntry claimed, String error, boolean permanent) {
        Instant now = clock.instant();
        NotificationProperties.Retry retry = properties.retry();
        boolean lastAttempt = permanent || claimed.getAttempts() >= retry.maxAttempts();
        Instant retryAt = lastAttempt ? null : now.plus(retry.backoffAfter(claimed.getAttempts()));
        boolean[] failed = {false};
        store.update(NotificationEntry.class, claimed.getId(), entry -> failed[0] = entry.attemptFailed(error, now, retryAt));
        if (failed[0]) {
            metrics.outcome(claimed.getTemplate(), NotificationMetrics.FAILED);
            log.warn("Notification {} ({}) for request {} FAILED after {} attempt(s): {}", claimed.getId(),
                    claimed.getTemplate().tag(), claimed.getRequestId(), claimed.getAttempts(), error);
            return Optional.empty();
        }
        log.info("Notification {} attempt {} failed, next at {}: {}", claimed.getId(), claimed.getAttempts(),
                retryAt, error);
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
