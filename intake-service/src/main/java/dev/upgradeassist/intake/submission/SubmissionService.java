package dev.upgradeassist.intake.submission;

import dev.upgradeassist.intake.request.ClockPolicy;

import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.intake.infrastructure.IntakeMetrics;
import dev.upgradeassist.intake.organization.OrganizationDirectory;
import dev.upgradeassist.intake.request.UpgradeRequest;
import dev.upgradeassist.platform.ids.RandomIds;
import dev.upgradeassist.platform.domain.RuleViolation;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.Target;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/** Receives new requests (with optional idempotency keys) and amendments. */
@Service
class SubmissionService {

    static final String SUBMITTED = "SUBMITTED";
    static final String UNKNOWN_ORGANIZATION_FIELD = "organizationId";
    static final String UNKNOWN_ORGANIZATION = "is not in the organization directory";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final int TICKET_ATTEMPTS = 5;
    private static final JsonMapper CANONICAL = JsonMapper.builder().build();

    private final AggregateStore store;
    private final MongoTemplate mongo;
    private final OrganizationDirectory directory;
    private final TicketIds ticketIds;
    private final IntakeMetrics metrics;
    private final Clock clock;
    private final ClockPolicy clocks;

    SubmissionService(AggregateStore store, MongoTemplate mongo, OrganizationDirectory directory,
                      TicketIds ticketIds, IntakeMetrics metrics, Clock clock, ClockPolicy clocks) {
        this.clocks = clocks;
        this.store = store;
        this.mongo = mongo;
        this.directory = directory;
        this.ticketIds = ticketIds;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A new request; with a key, a retry of the same body answers the first response again. */
    AcceptedView submit(UpgradeSubmission submission, String idempotencyKey) {
        if (idempotencyKey == null) {
            Organization organization = organization(submission);
            for (int attempt = 1; ; attempt++) {
                String id = RandomIds.uuid();
                String ticketId = ticketIds.next();
                try {
                    return created(insert(id, ticketId, submission, organization));
                } catch (DuplicateKeyException e) {
                    // a fresh UUID never collides: the ticket id did; draw another one
                    if (attempt >= TICKET_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        }
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw RuleViolation.invalid("Idempotency-Key", "must be 1 to 200 visible ASCII characters");
        }
        String hash = hash(submission);
        // an unknown organization must not claim the key; a retry of a claimed key is answered without it
        Optional<Organization> organization = directory.snapshot(submission.organizationId());
        IdempotencyRecord claim;
        if (organization.isPresent()) {
            // insert first (no read before): a first submission, by far the most common, costs one write; a retry
            // finds the key taken and reads the claim
            IdempotencyRecord fresh = new IdempotencyRecord(idempotencyKey, RandomIds.uuid(),
                    ticketIds.next(), hash, clock.instant());
            try {
                mongo.insert(fresh);
                claim = fresh;
                // claimed just now, with a fresh request id: nobody can have created that request yet
                try {
                    return created(insert(claim.requestId(), claim.ticketId(), submission, organization.get()));
                } catch (DuplicateKeyException e) {
                    // the claimed ticket id collided with another request's: the general path draws a new one
                }
            } catch (DuplicateKeyException e) {
                claim = mongo.findById(idempotencyKey, IdempotencyRecord.class);
            }
        } else {
            claim = mongo.findById(idempotencyKey, IdempotencyRecord.class);
            if (claim == null) {
                throw unknownOrganization();
            }
        }
        if (claim == null) {
            throw new IllegalStateException("Idempotency key vanished while in use");
        }
        if (!claim.bodyHash().equals(hash)) {
            throw RuleViolation.unacceptable("This Idempotency-Key was already used with a different request body");
        }
        return ensureCreated(claim, submission);
    }

    /** Creates the claimed request unless it exists (another retry may be creating it right now). */
    private AcceptedView ensureCreated(IdempotencyRecord claim, UpgradeSubmission submission) {
        for (int attempt = 1; attempt <= TICKET_ATTEMPTS; attempt++) {
            var existing = store.find(UpgradeRequest.class, claim.requestId());
            if (existing.isPresent()) {
                return accepted(existing.get().id(), existing.get().ticketId());
            }
            try {
                return created(insert(claim.requestId(), claim.ticketId(), submission, organization(submission)));
            } catch (DuplicateKeyException e) {
                if (store.find(UpgradeRequest.class, claim.requestId()).isPresent()) {
                    continue; // another retry created it: the next round answers with it
                }
                // the claimed ticket id collided with another request's: draw a new one for the claim
                mongo.updateFirst(new Query(Criteria.where("_id").is(claim.key()).and("ticketId").is(claim.ticketId())),
                        new Update().set("ticketId", ticketIds.next()), IdempotencyRecord.class);
                claim = mongo.findById(claim.key(), IdempotencyRecord.class);
                if (claim == null) {
                    throw new IllegalStateException("Idempotency key vanished while in use");
                }
            }
        }
        throw new IllegalStateException("Could not create the request claimed by an idempotency key");
    }

    /** Replaces the submission (a new revision) unless the request is closed. */
    AcceptedView amend(String id, UpgradeSubmission submission) {
        if (store.find(UpgradeRequest.class, id).isEmpty()) {
            throw notFound();
        }
        Organization organization = organization(submission);
        // decided against the request's own state in the write that records it (version-checked); a closed request
        // refuses it with a RuleViolation
        UpgradeRequest amended = store.apply(Target.existing(UpgradeRequest.class, id), request -> {
            request.amend(submission, organization, clocks, clock);
            return true;
        }).aggregateOrThrow(SubmissionService::notFound);
        return new AcceptedView(amended.id(), amended.ticketId(), SUBMITTED, amended.priority(), amended.revision());
    }

    private UpgradeRequest insert(String id, String ticketId, UpgradeSubmission submission, Organization organization) {
        return store.insert(UpgradeRequest.receive(id, ticketId, submission, organization, clocks, clock));
    }

    private AcceptedView created(UpgradeRequest request) {
        UpgradeSubmission submission = request.submission();
        metrics.requestReceived(submission.form().name(), submission.region() == null ? null : submission.region().name());
        return accepted(request.id(), request.ticketId());
    }

    private static AcceptedView accepted(String id, String ticketId) {
        return new AcceptedView(id, ticketId, SUBMITTED, UpgradeRequest.PRIORITY, null);
    }

    private Organization organization(UpgradeSubmission submission) {
        return directory.snapshot(submission.organizationId()).orElseThrow(SubmissionService::unknownOrganization);
    }

    /** The controller answers it with the summary "The organization is not in the organization directory". */
    static RuleViolation unknownOrganization() {
        return RuleViolation.invalid(UNKNOWN_ORGANIZATION_FIELD, UNKNOWN_ORGANIZATION);
    }

    private static RuleViolation notFound() {
        return RuleViolation.notFound("There is no upgrade request with this id");
    }

    static String hash(UpgradeSubmission submission) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(CANONICAL.writeValueAsString(submission).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
