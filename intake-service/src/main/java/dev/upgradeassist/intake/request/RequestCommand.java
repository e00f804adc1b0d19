package dev.upgradeassist.intake.request;

/** The commands a request's state may refuse ({@link Closure}'s table, {@link RequestTransitions}). */
enum RequestCommand {
    /** The customer replaces the submission. */
    AMEND,
    /** The customer reports the upgrade's outcome; besides the table, only while an outcome is awaited. */
    REPORT_OUTCOME,
    /** A customer's or an engineer's comment. */
    COMMENT,
    /** An engineer closes the request without an outcome. */
    CLOSE
}
