package dev.upgradeassist.notification.templates;

/** A mail ready to send: subject (ticket id only), plain text and HTML alternatives. */
public record RenderedMail(String subject, String text, String html) {
}
