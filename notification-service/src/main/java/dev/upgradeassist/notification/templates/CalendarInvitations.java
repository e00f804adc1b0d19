package dev.upgradeassist.notification.templates;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableTransp;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the review call's RFC 5545 invitation with iCal4j (never by hand): a {@code VCALENDAR} with {@code PRODID},
 * {@code VERSION}, {@code CALSCALE} and the iTIP {@code METHOD} ({@code REQUEST} or {@code CANCEL}, RFC 5546), holding
 * one {@code VEVENT}: {@code UID} {@code <callId>@upgrade-assist}, {@code SEQUENCE}, {@code DTSTAMP},
 * {@code DTSTART}/{@code DTEND} in UTC, {@code SUMMARY} with the ticket id, {@code ORGANIZER} the engineer,
 * {@code ATTENDEE} the requester ({@code RSVP=TRUE} on a request), {@code LOCATION} and {@code URL} the meeting room
 * when there is one, {@code DESCRIPTION}, and {@code STATUS} ({@code CONFIRMED}, or {@code CANCELLED} on a cancel).
 * iCal4j escapes every text value (commas, semicolons, backslashes, line breaks) and quotes the {@code CN} names,
 * and the outputter validates the calendar against the iTIP method.
 */
public final class CalendarInvitations {

    static final String PRODUCT_ID = "-//GitLab Support//Upgrade Assist//EN";

    /**
     * Why the invitation cannot be built (for the ledger's FAILED entry: no address in it), or null when it can: the
     * organizer's address must be valid, and the requester's or the point of contact's.
     */
    public static String problem(Invitation invitation) {
        if (invitation.callId() == null || invitation.callId().isBlank()) {
            return "calendar invitation without a call id";
        }
        if (invitation.start() == null || invitation.end() == null || !invitation.end().isAfter(invitation.start())) {
            return "calendar invitation without a valid start and end";
        }
        if (Addresses.normalize(invitation.organizerEmail()).isEmpty()) {
            return "calendar invitation: the organizer's address is not valid ("
                    + Addresses.problem(invitation.organizerEmail()) + ")";
        }
        if (attendee(invitation).isEmpty()) {
            return "calendar invitation: no valid attendee address";
        }
        return null;
    }

    /** The invitation as iCalendar text (CRLF line ends, folded at 75 octets), with its method. */
    public CalendarPart write(Invitation invitation, String ticketId) {
        String problem = problem(invitation);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        boolean cancel = invitation.method() == Invitation.Method.CANCEL;
        VEvent event = new VEvent(false);
        event.add(new Uid(invitation.uid()));
        event.add(new Sequence(invitation.sequence()));
        event.add(new DtStamp(invitation.stamp()));
        event.add(new DtStart<>(invitation.start()));
        event.add(new DtEnd<>(invitation.end()));
        event.add(new Summary("Upgrade review call (ticket " + ticketId + ")"));
        event.add(new Organizer(parameters(cn(invitation.organizerName())), mailto(invitation.organizerEmail())));
        List<Parameter> attendee = new ArrayList<>(cn(invitation.attendeeName()));
        attendee.add(Role.REQ_PARTICIPANT);
        if (!cancel) {
            attendee.add(PartStat.NEEDS_ACTION);
            attendee.add(Rsvp.TRUE);
        }
        event.add(new Attendee(parameters(attendee), mailto(attendee(invitation).orElseThrow())));
        if (invitation.meetingUrl() != null) {
            event.add(new Location(invitation.meetingUrl()));
            event.add(new Url(URI.create(invitation.meetingUrl())));
        }
        if (invitation.description() != null && !invitation.description().isBlank()) {
            event.add(new Description(invitation.description()));
        }
        event.add(ImmutableTransp.OPAQUE);
        event.add(cancel ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);

        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT_ID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(cancel ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
        calendar.add(event);
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(true).output(calendar, out);
        } catch (IOException | ValidationException e) {
            throw new IllegalStateException("the calendar invitation does not validate: " + e.getMessage(), e);
        }
        return new CalendarPart(cancel ? "CANCEL" : "REQUEST", out.toString());
    }

    private static Optional<String> attendee(Invitation invitation) {
        if (invitation.attendeeEmails() == null) {
            return Optional.empty();
        }
        return invitation.attendeeEmails().stream().map(Addresses::normalize).flatMap(Optional::stream).findFirst();
    }

    /** A display name as a {@code CN} parameter (one line: control characters become spaces), or none. */
    private static List<Parameter> cn(String name) {
        if (name == null || name.isBlank()) {
            return List.of();
        }
        return List.of(new Cn(name.replaceAll("[\\p{Cntrl}\\u0085\\u2028\\u2029]+", " ").strip()));
    }

    private static ParameterList parameters(List<Parameter> parameters) {
        return new ParameterList(new ArrayList<>(parameters));
    }

    /** {@code mailto:} of a strictly parsed address; any character a URI cannot hold is quoted. */
    private static URI mailto(String address) {
        String bare = Addresses.normalize(address).orElseThrow();
        try {
            return new URI("mailto", bare, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("address cannot be a mailto URI", e);
        }
    }
}
