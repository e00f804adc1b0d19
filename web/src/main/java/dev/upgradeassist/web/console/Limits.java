package dev.upgradeassist.web.console;

import java.util.Map;

/**
 * The services' limits on what engineers type, checked before a service is asked so that an oversized or garbled
 * text gets a clear sentence in place (the forms' {@code maxlength} uses the same numbers). Lengths count Unicode
 * code points, as the services do.
 */
final class Limits {

    /** intake: a comment's body, 1–20,000 characters. */
    static final int COMMENT = 20_000;
    /** review: approval or change-request feedback. */
    static final int FEEDBACK = 20_000;
    /** review: a change-request item's field. */
    static final int ITEM_FIELD = 200;
    /** review: a change-request item's message. */
    static final int ITEM_MESSAGE = 5_000;
    /** review: a change-request item's hint. */
    static final int ITEM_HINT = 5_000;
    /** review: a decline's explanation. */
    static final int EXPLANATION = 10_000;
    /** scheduling: hand-off notes. */
    static final int HANDOFF_NOTES = 10_000;
    /** scheduling: the receiving engineer's name. */
    static final int ENGINEER = 100;

    /** For the templates' {@code maxlength} attributes. */
    static final Map<String, Integer> ALL = Map.of("comment", COMMENT, "feedback", FEEDBACK, "itemField", ITEM_FIELD,
            "itemMessage", ITEM_MESSAGE, "itemHint", ITEM_HINT, "explanation", EXPLANATION, "handoffNotes",
            HANDOFF_NOTES, "engineer", ENGINEER);

    private Limits() {
    }

    /** A sentence when {@code value} is longer than {@code max} characters; null when it fits. */
    static String tooLong(String what, String value, int max) {
        int length = value == null ? 0 : value.codePointCount(0, value.length());
        return length > max ? what + " is too long: " + String.format(java.util.Locale.ROOT, "%,d", length) + " characters, at most "
                + String.format(java.util.Locale.ROOT, "%,d", max) + "." : null;
    }

    /**
     * A sentence when multi-line {@code value} is too long or holds control characters other than line breaks and
     * tabs; null when it is fine (an empty value is fine: whether it is required is the caller's question).
     */
    static String text(String what, String value, int max) {
        String tooLong = tooLong(what, value, max);
        if (tooLong != null) {
            return tooLong;
        }
        return value != null && hasControlCharacters(value)
                ? what + " contains control characters; only line breaks and tabs are allowed. They are removed from the"
                        + " text kept in the form: check it and send again."
                : null;
    }

    static boolean hasControlCharacters(String value) {
        return value.codePoints().anyMatch(c -> c != '\n' && c != '\r' && c != '\t' && Character.isISOControl(c));
    }
}
