package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.notification.infrastructure.NotificationProperties;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.Outcome;
import dev.upgradeassist.platform.outbox.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The delivery side of the ledger: which entries are due, the lease protocol by which one delivery thread (of one
 * instance) holds an entry while it sends it, and the report of each attempt (sent, a recipient refused, failed),
 * lease-checked where a late report could undo what a newer holder does.
 * <p>
 * A claim is one conditional write on {@code (_id, version)}: the version is the lease, any later claim or report
 * moves it on. There are three ways to claim, which differ in what the caller knows of the entry beforehand:
 * <ul>
 *     <li>{@link #claimDue(String, Duration)}: the key only (a safety-net round, a retry timer): the entry is read and
 *     claimed only when it is due, and the claim counts an attempt;</li>
 *     <li>{@link #claimRecorded(EntryRecorded, Duration)}: the entry as this instance just recorded it (claimed at birth,
 *     its first attempt counted then): no write at all while at least half its lease is left;</li>
 *     <li>{@link #claimRecordedVersion(String, Long, Duration)}: the key and recorded version only (a recorded entry that
 *     waited in the queue without its bodies): the lease is renewed and the bodies read back by one write, which counts
 *     no second attempt (nothing was sent yet: any attempt would have moved the version).</li>
 * </ul>
 * The last two fall back to the first when the entry changed meanwhile. Every query here is by {@code _id} (and
 * {@code version}) except {@link #dueKeys}: on the embedded MongoDB-protocol server (no secondary indexes, see ADR 0006)
 * any other condition reads the whole ledger.
 */
@Service
public class DeliveryClaims {

    private static final Logger log = LoggerFactory.getLogger(DeliveryClaims.class);

    /** When an entry is due for its next attempt. */
    public record Due(String key, Instant at) {
    }

    /** What a failed attempt did to the entry (the result of the lease-checked command). */
    private enum AttemptReport {
        /** Another attempt holds the entry since (a newer version): it decides, this report changes nothing. */
        LEASE_LOST,
        /** The entry is FAILED now (NotificationFailed raised). */
        FAILED,
        /** The entry waits for its next attempt (or was final already: nothing to do). */
        NOT_FAILED
    }

    private final AggregateStore store;
    private final MongoTemplate mongo;
    private final NotificationMetrics metrics;
    private final RequestMilestones milestones;
    private final NotificationProperties properties;
    private final Clock clock;

    DeliveryClaims(AggregateStore store, MongoTemplate mongo, NotificationMetrics metrics, RequestMilestones milestones,
                   NotificationProperties properties, Clock clock) {
        this.store = store;
        this.mongo = mongo;
        this.metrics = metrics;
        this.milestones = milestones;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The keys of up to {@code limit} due entries (PENDING or RETRYING with {@code nextAttemptAt <= now}), the
     * longest due first: one query for a whole round of the safety net, which the caller then claims one by one
     * by key ({@link #claimDue(String, Duration)}). On the embedded MongoDB-protocol server this query reads the whole
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
     * Claims one entry by its key when it is due (PENDING or RETRYING with {@code nextAttemptAt <= now}), counting the
     * attempt, in two reads by the primary key: the entry, then a conditional write on {@code (_id, version)}. No query
     * here has a key the indexes do not cover, so the embedded MongoDB-protocol server does not read the whole ledger.
     */
    public Optional<NotificationEntry> claimDue(String key, Duration lease) {
        Instant now = clock.instant();
        NotificationEntry entry = mongo.findById(key, NotificationEntry.class);
        if (entry == null || entry.status().isFinal() || entry.nextAttemptAt() == null
                || entry.nextAttemptAt().isAfter(now)) {
            return Optional.empty();
        }
        Update claim = new Update().set("nextAttemptAt", Date.from(now.plus(lease))).inc("attempts", 1).inc("version", 1);
        return Optional.ofNullable(writeIfUnchanged(key, entry.version(), claim));
    }

    /**
     * The entry this instance has just recorded, to send now: as recorded (claimed at birth, no write) while at
     * least half its lease is left; else as {@link #claimRecordedVersion} (a fresh lease by one conditional write, or
     * by its key when it changed meanwhile).
     */
    public Optional<NotificationEntry> claimRecorded(EntryRecorded recorded, Duration lease) {
        NotificationEntry entry = recorded.entry();
        Instant now = clock.instant();
        if (entry.version() != null && entry.nextAttemptAt() != null
                && now.isBefore(entry.nextAttemptAt().minus(lease.dividedBy(2)))) {
            return Optional.of(entry);
        }
        return claimRecordedVersion(entry.id(), entry.version(), lease);
    }

    /**
     * An entry this instance recorded at {@code version} (claimed at birth, its first attempt counted then), held in
     * memory by its key alone: its lease renewed by one conditional write on {@code (_id, version)}, which returns the
     * whole entry and counts no second attempt (nothing was sent yet: any attempt would have changed the version);
     * when it changed meanwhile (another instance claimed it once the lease ran out, or it was sent), by its key
     * ({@link #claimDue}), which takes it only when it is due.
     */
    public Optional<NotificationEntry> claimRecordedVersion(String key, Long version, Duration lease) {
        if (version == null) {
            return claimDue(key, lease);
        }
        Update renew = new Update().set("nextAttemptAt", Date.from(clock.instant().plus(lease))).inc("version", 1);
        NotificationEntry renewed = writeIfUnchanged(key, version, renew);
        if (renewed == null) {
            return claimDue(key, lease);
        }
        // a final entry is never sent again, whatever version the caller held (the query stays on the (_id, version)
        // index; a status condition in it would make the embedded server read the whole ledger)
        return renewed.status().isFinal() ? Optional.empty() : Optional.of(renewed);
    }

    /** The claim itself: {@code claim} applied when the entry is still at {@code version}; the entry after it, or null. */
    private NotificationEntry writeIfUnchanged(String key, Long version, Update claim) {
        Query unchanged = new Query(Criteria.where("_id").is(key).and("version").is(version));
        return mongo.findAndModify(unchanged, claim, FindAndModifyOptions.options().returnNew(true), NotificationEntry.class);
    }

    /** SMTP accepted the email: SENT, NotificationSent raised in the same write. */
    public void sent(NotificationEntry claimed, Instant sentAt) {
        sent(claimed, sentAt, List.of());
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
            recordRefusal(claimed, sentAt, recipient).ifPresent(later::add);
        }
        List<String> notDelivered = refused.stream().map(RefusedRecipient::address).toList();
        // the claimed copy is the current one unless the lease ran out meanwhile: written without a read, and on a
        // conflict marked again on the current entry (a no-op when that is final already); only the fields marking it
        // sent are written, not the rendered email again
        Outcome<NotificationEntry, Boolean> outcome = store.applyToFields(
                Target.existing(NotificationEntry.class, claimed.id()).startingFrom(claimed),
                entry -> entry.markSent(sentAt, notDelivered), Boolean::booleanValue, NotificationEntry.SENT_FIELDS);
        if (outcome.written()) {
            metrics.outcome(claimed.template(), NotificationMetrics.SENT);
            milestones.emailSent(claimed.requestId(), sentAt);
        }
        return later;
    }

    /** The entry of one refused recipient, inserted first; when it is retried, when. */
    private Optional<Due> recordRefusal(NotificationEntry claimed, Instant sentAt, RefusedRecipient recipient) {
        String key = NotificationKey.recipient(claimed.id(), recipient.address());
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
        milestones.listed(claimed.requestId(), key, null);
        try {
            store.insert(entry);
        } catch (DuplicateKeyException e) {
            return Optional.empty(); // reported by an earlier delivery of the same email
        }
        if (recipient.permanent()) {
            metrics.outcome(entry.template(), NotificationMetrics.FAILED);
            log.warn("Notification {} ({}) for request {}: a recipient was refused by the SMTP server ({}), "
                    + "reported as {}", claimed.id(), claimed.template().tag(), claimed.requestId(), reply, key);
            return Optional.empty();
        }
        log.info("Notification {} ({}) for request {}: a recipient was refused for now by the SMTP server ({}), "
                        + "retried for it alone as {} at {}", claimed.id(), claimed.template().tag(),
                claimed.requestId(), reply, key, entry.nextAttemptAt());
        return Optional.of(new Due(key, entry.nextAttemptAt()));
    }

    /**
     * An attempt failed: RETRYING with back-off, or FAILED (and NotificationFailed) when permanent or out of attempts.
     * {@code error} goes to the ledger (and the NotificationFailed reason); {@code cause} to the log, so it names no
     * address and carries no text of the SMTP server (exception classes and reply codes only).
     *
     * @return when the entry is due again, or empty when it is final now (or no longer this attempt's to decide)
     */
    public Optional<Instant> attemptFailed(NotificationEntry claimed, String error, String cause, boolean permanent) {
        Instant now = clock.instant();
        NotificationProperties.Retry retry = properties.retry();
        boolean lastAttempt = permanent || claimed.attempts() >= retry.maxAttempts();
        Instant retryAt = lastAttempt ? null : now.plus(retry.backoffAfter(claimed.attempts()));
        // lease-checked: only the attempt that holds the entry decides; when the lease ran out and another instance
        // claimed it (a new version), this late failure must not re-schedule what the other attempt is sending
        AttemptReport report = store.apply(Target.existing(NotificationEntry.class, claimed.id()), entry -> {
            if (!Objects.equals(entry.version(), claimed.version())) {
                return AttemptReport.LEASE_LOST;
            }
            return entry.attemptFailed(error, now, retryAt) ? AttemptReport.FAILED : AttemptReport.NOT_FAILED;
        }, result -> result != AttemptReport.LEASE_LOST).result();
        if (report == AttemptReport.LEASE_LOST) {
            log.info("Notification {} ({}) attempt {} failed after its lease ran out; the attempt that claimed it since "
                    + "decides: {}", claimed.id(), claimed.template().tag(), claimed.attempts(), cause);
            return Optional.empty();
        }
        if (report == AttemptReport.FAILED) {
            metrics.outcome(claimed.template(), NotificationMetrics.FAILED);
            log.warn("Notification {} ({}) for request {} FAILED after {} attempt(s): {}", claimed.id(),
                    claimed.template().tag(), claimed.requestId(), claimed.attempts(), cause);
            return Optional.empty();
        }
        log.info("Notification {} ({}) attempt {} failed, next at {}: {}", claimed.id(), claimed.template().tag(),
                claimed.attempts(), retryAt, cause);
        return Optional.ofNullable(retryAt);
    }
}
