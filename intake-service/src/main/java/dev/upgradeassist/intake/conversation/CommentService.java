package dev.upgradeassist.intake.conversation;

import dev.upgradeassist.contracts.CommentAdded;
import dev.upgradeassist.intake.infrastructure.IntakeMetrics;
import dev.upgradeassist.intake.request.ClockPolicy;
import dev.upgradeassist.intake.request.UpgradeRequest;
import dev.upgradeassist.platform.domain.RuleViolation;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.Outcome;
import dev.upgradeassist.platform.outbox.Target;
import dev.upgradeassist.platform.security.Caller;
import dev.upgradeassist.platform.security.Role;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Records comments through the request's aggregate (its conditional write and outbox): a PORTAL caller writes as the
 * customer, always PUBLIC; an engineer as themselves, PUBLIC or INTERNAL.
 */
@Service
class CommentService {

    static final String CUSTOMER = "customer";
    static final int MAX_CHARACTERS = 20_000;
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final AggregateStore store;
    private final IntakeMetrics metrics;
    private final Clock clock;
    private final ClockPolicy clocks;

    CommentService(AggregateStore store, IntakeMetrics metrics, Clock clock, ClockPolicy clocks) {
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.clocks = clocks;
    }

    CommentView add(String requestId, Caller caller, CommentBody body, String idempotencyKey) {
        boolean engineer = caller.has(Role.ENGINEER);
        CommentAdded.Visibility visibility = body.visibility();
        // a customer's INTERNAL note is refused by the controller (403) before this is called
        if (engineer && visibility == null) {
            throw RuleViolation.invalid("visibility", "is required for an engineer: PUBLIC (emailed to the customer) "
                    + "or INTERNAL (Support only)");
        }
        String text = validText(body.body());
        if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
            throw RuleViolation.invalid("Idempotency-Key", "must be 1 to 200 visible ASCII characters");
        }
        String author = engineer ? caller.name() : CUSTOMER;
        CommentAdded.AuthorRole role = engineer ? CommentAdded.AuthorRole.ENGINEER : CommentAdded.AuthorRole.CUSTOMER;
        CommentAdded.Visibility shown = engineer ? visibility : CommentAdded.Visibility.PUBLIC;
        String hash = idempotencyKey == null ? null : hash(author, role, shown, text);

        // decided against the request's own state (completion) in the write that records it (version-checked); the
        // request refuses a closed request's comment and a reused key with a RuleViolation
        Outcome<UpgradeRequest, UpgradeRequest.Commented> outcome = store.apply(
                Target.existing(UpgradeRequest.class, requestId),
                request -> request.comment(author, role, shown, text, idempotencyKey, hash, clocks, clock),
                UpgradeRequest.Commented::recorded);
        if (!outcome.found()) {
            throw RuleViolation.notFound("There is no upgrade request with this id");
        }
        if (outcome.result().recorded()) {
            metrics.commentAdded(shown == CommentAdded.Visibility.INTERNAL, engineer);
        }
        return CommentView.of(outcome.result().comment());
    }

    /** 1–20,000 characters (Unicode code points), not blank; line breaks and tabs, but no other control characters. */
    private static String validText(String text) {
        if (text == null || text.isBlank()) {
            throw RuleViolation.invalid("body", "must not be blank");
        }
        if (text.length() > MAX_CHARACTERS && text.codePointCount(0, text.length()) > MAX_CHARACTERS) {
            throw RuleViolation.invalid("body", "must be at most " + MAX_CHARACTERS + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw RuleViolation.invalid("body", "must not contain control characters other than line breaks and tabs");
            }
        }
        return text;
    }

    private static String hash(String author, CommentAdded.AuthorRole role, CommentAdded.Visibility visibility,
                               String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[]{author, role.name(), visibility.name(), text}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
