package dev.upgradeassist.platform.domain;

import java.util.Objects;

/**
 * The one exception an aggregate or an application service throws when a command breaks a rule of the domain: a
 * transition its state does not allow, something that is no longer there, or a command naming something that does
 * not exist. Domain code knows nothing of HTTP; the platform's problem-details advice maps the {@link Kind} to a
 * status (409, 410, 404, 422, 400) and the detail, written for the caller, becomes the problem's detail.
 */
public class RuleViolation extends RuntimeException {

    /** What kind of rule the command broke. */
    public enum Kind {
        /** The current state does not allow it (an illegal transition, a conflicting change). HTTP 409. */
        ILLEGAL_TRANSITION,
        /** What it acts on existed but is over (an expired or used link, a cancelled call). HTTP 410. */
        NO_LONGER_AVAILABLE,
        /** What it names does not exist. HTTP 404. */
        NOT_FOUND,
        /** It is well formed but the domain cannot accept its content (a slot not offered). HTTP 422. */
        UNACCEPTABLE,
        /** A value of the command is malformed for the domain (a check bean validation cannot express). HTTP 400. */
        INVALID
    }

    private final Kind kind;
    private final String field;

    public RuleViolation(Kind kind, String detail) {
        this(kind, detail, null);
    }

    private RuleViolation(Kind kind, String detail, String field) {
        super(Objects.requireNonNull(detail, "detail"));
        this.kind = Objects.requireNonNull(kind, "kind");
        this.field = field;
    }

    public static RuleViolation illegalTransition(String detail) {
        return new RuleViolation(Kind.ILLEGAL_TRANSITION, detail);
    }

    public static RuleViolation noLongerAvailable(String detail) {
        return new RuleViolation(Kind.NO_LONGER_AVAILABLE, detail);
    }

    public static RuleViolation notFound(String detail) {
        return new RuleViolation(Kind.NOT_FOUND, detail);
    }

    public static RuleViolation unacceptable(String detail) {
        return new RuleViolation(Kind.UNACCEPTABLE, detail);
    }

    /** As {@link #unacceptable(String)}, naming the field of the command that the domain cannot accept. */
    public static RuleViolation unacceptable(String field, String detail) {
        return new RuleViolation(Kind.UNACCEPTABLE, detail, field);
    }

    /** A malformed value of the command's {@code field}. */
    public static RuleViolation invalid(String field, String detail) {
        return new RuleViolation(Kind.INVALID, detail, field);
    }

    public Kind kind() {
        return kind;
    }

    /** The command's field at fault, or null. */
    public String field() {
        return field;
    }
}
