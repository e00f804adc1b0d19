package dev.upgradeassist.notification.templates;

/**
 * A mail ready to send: subject (ticket id only), plain text and HTML alternatives, and the calendar invitation of
 * the review call when the email carries one (else null).
 */
public record RenderedMail(String subject, String text, String html, CalendarPart calendar) {

    /** A mail without a calendar part. */
    public RenderedMail(String subject, String text, String html) {
        this(subject, text, html, null);
    }
}
