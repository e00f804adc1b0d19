package dev.upgradeassist.notification.ledger;

/**
 * A recipient the SMTP server refused ({@code RCPT TO}) while it accepted the email for the others.
 *
 * @param address   the address as it was in the envelope
 * @param replyCode the server's reply code, 0 when it is not known
 * @param permanent true for a permanent refusal (5xx: reported, never retried), false for a temporary one (4xx:
 *                  retried for this recipient alone)
 */
public record RefusedRecipient(String address, int replyCode, boolean permanent) {
}
