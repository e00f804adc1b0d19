package dev.upgradeassist.notification.templates;

import java.time.Instant;
import java.util.List;

/**
 * The RFC 5545 invitation an email carries for the review call (one version of it): what {@link CalendarInvitations}
 * turns into a {@code text/calendar} part. Names are one line each; addresses are as the event carried them (the
 * ledger checks them strictly before anything is built).
 *
 * @param method         {@code REQUEST} (booked, moved) or {@code CANCEL}
 * @param callId         the call's stable identity: the {@code UID} is {@code <callId>@upgrade-assist}
 * @param sequence       the {@code SEQUENCE} of this version (0 at booking, one more for every change)
 * @param stamp          {@code DTSTAMP}: when this version was made (the event's time, so a re-render is identical)
 * @param start          {@code DTSTART} (UTC)
 * @param end            {@code DTEND} (UTC)
 * @param organizerName  the engineer's name ({@code CN}), or null
 * @param organizerEmail the engineer's address ({@code ORGANIZER})
 * @param attendeeName   the requester's name ({@code CN}), or null
 * @param attendeeEmails the requester's address first, then the point of contact's: the first valid one is the
 *                       {@code ATTENDEE}
 * @param meetingUrl     the engineer's meeting room ({@code LOCATION} and {@code URL}), or null
 * @param description    the {@code DESCRIPTION} text (line breaks kept)
 */
public record Invitation(Method method, String callId, int sequence, Instant stamp, Instant start, Instant end,
                         String organizerName, String organizerEmail, String attendeeName, List<String> attendeeEmails,
                         String meetingUrl, String description) {

    public enum Method { REQUEST, CANCEL }

    /** The invitation's {@code UID}: stable for the call across every change. */
    public String uid() {
        return callId + "@upgrade-assist";
    }
}
