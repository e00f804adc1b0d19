package dev.upgradeassist.intake.conversation;

import dev.upgradeassist.contracts.CommentAdded;

/**
 * {@code POST .../comments}: the text and, for an engineer, whether it is for the customer ({@code PUBLIC}) or for
 * Support only ({@code INTERNAL}). The body's rules (1–20,000 characters, not blank) are checked by the service, so
 * that a PORTAL caller asking for INTERNAL gets its 403 whatever the text.
 */
record CommentBody(String body, CommentAdded.Visibility visibility) {
}
