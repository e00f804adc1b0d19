package dev.upgradeassist.notification.templates;

/**
 * A built invitation: the iCalendar text and its iTIP method, stored with the email in the ledger (so a retry sends
 * the same bytes) and sent as a {@code text/calendar; method=<method>; charset=UTF-8} part.
 */
public record CalendarPart(String method, String content) {

    /** The MIME type of the part. */
    public String contentType() {
        return "text/calendar; charset=UTF-8; method=" + method;
    }
}
