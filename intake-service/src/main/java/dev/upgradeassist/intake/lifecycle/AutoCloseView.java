package dev.upgradeassist.intake.lifecycle;

/** The request's auto-close setting after {@code POST .../auto-close}. */
record AutoCloseView(String id, String ticketId, boolean autoClose) {
}
