package dev.upgradeassist.web.customer;

import java.util.Locale;

/** A request's status in the customer's words: a label, a sentence, and what happens next. */
final class StatusWords {

    private StatusWords() {
    }

    /** {@code [label, sentence, what it means]} for a status (and, for CLOSED, its reason). */
    static String[] of(String status, String closedReason) {
        if (status == null) {
            return new String[]{"Unknown", "We could not read the status of your request",
                    "Reload this page in a moment."};
        }
        return switch (status) {
            case "SUBMITTED", "RECEIVED" -> new String[]{"Received", "We received your request",
                    "Our automatic review is checking your upgrade plan. This page shows the result as soon as it is ready."};
            case "IN_REVIEW" -> new String[]{"In review", "An engineer is reviewing your upgrade plan",
                    "Your request is complete. A GitLab Support engineer will approve it or tell you what to change."};
            case "AWAITING_INFO" -> new String[]{"Waiting for you", "We need a few more details from you",
                    "Below is what is missing and how to fix it. Send your corrected request through the portal, "
                            + "or reply below if something is unclear."};
            case "APPROVED" -> new String[]{"Approved", "Your upgrade plan is approved",
                    "You can follow the runbook written for your plan during your maintenance window."};
            case "DECLINED" -> new String[]{"Declined", "We cannot review this upgrade as submitted",
                    "The engineer's explanation is below. Reply here if you have questions."};
            case "CALL_LINK_ISSUED" -> new String[]{"Approved: book your call", "Your plan is approved: book your review call",
                    "We emailed you a link to book the optional 30-minute review call with an engineer."};
            case "CALL_BOOKED" -> new String[]{"Call booked", "Your review call is booked",
                    "The details of the call are below."};
            case "ON_HOLD" -> new String[]{"Upgrade scheduled", "Your upgrade is scheduled",
                    "After your upgrade, tell us how it went with the form on this page."};
            case "ROLLBACK_ADVISED" -> new String[]{"Rollback advised", "We advised you to roll back",
                    "Follow your reviewed rollback plan. Tell us how it went with the form on this page."};
            case "COMPLETED" -> new String[]{"Completed", "Your upgrade is complete",
                    "Thank you for letting us know. This request is finished."};
            case "CLOSED" -> new String[]{"Closed", "This request is closed", closedText(closedReason)};
            default -> new String[]{words(status), words(status), ""};
        };
    }

    private static String closedText(String reason) {
        if ("NO_RESPONSE".equals(reason)) {
            return "We closed it because we did not hear back from you. Send your corrected request through the "
                    + "portal to open it again.";
        }
        if ("ENGINEER_CLOSED".equals(reason)) {
            return "A GitLab Support engineer closed it. Open a new request through the portal if you still need help.";
        }
        return "It takes no more replies. Open a new request through the portal if you still need help.";
    }

    /** {@code AWAITING_INFO} → {@code Awaiting info}. */
    static String words(String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        String text = value.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
