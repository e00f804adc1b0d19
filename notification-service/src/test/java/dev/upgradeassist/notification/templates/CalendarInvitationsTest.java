package dev.upgradeassist.notification.templates;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The invitations as iCal4j writes them, read back with iCal4j's parser. */
class CalendarInvitationsTest {

    private static final Instant START = Instant.parse("2026-12-08T15:00:00Z");
    private static final Instant END = START.plusSeconds(1800);
    private static final Instant STAMP = Instant.parse("2026-12-01T09:00:00Z");

    private final CalendarInvitations invitations = new CalendarInvitations();

    @Test
    void a_request_carries_the_call_as_an_itip_request() throws Exception {
        CalendarPart part = invitations.write(invitation(Invitation.Method.REQUEST, 0, "Dana Ops",
                List.of("dana@acme.example", "admins@acme.example"), "Line one\nLine two"), "UA-7F3K2Q");

        assertThat(part.method()).isEqualTo("REQUEST");
        assertThat(part.contentType()).isEqualTo("text/calendar; charset=UTF-8; method=REQUEST");
        Calendar calendar = parse(part);
        assertThat(value(calendar, Property.METHOD)).isEqualTo("REQUEST");
        assertThat(value(calendar, Property.PRODID)).isEqualTo("-//GitLab Support//Upgrade Assist//EN");
        assertThat(value(calendar, Property.VERSION)).isEqualTo("2.0");
        VEvent event = event(calendar);
        assertThat(value(event, Property.UID)).isEqualTo("call-42@upgrade-assist");
        assertThat(value(event, Property.SEQUENCE)).isEqualTo("0");
        assertThat(value(event, Property.DTSTART)).isEqualTo("20261208T150000Z");
        assertThat(Instant.from(((DateProperty<?>) event.getProperty(Property.DTSTART).orElseThrow()).getDate())).isEqualTo(START);
        assertThat(value(event, Property.DTEND)).isEqualTo("20261208T153000Z");
        assertThat(value(event, Property.DTSTAMP)).isEqualTo("20261201T090000Z");
        assertThat(value(event, Property.SUMMARY)).isEqualTo("Upgrade review call (ticket UA-7F3K2Q)");
        assertThat(value(event, Property.ORGANIZER)).isEqualTo("mailto:sam@gitlab.example");
        assertThat(parameter(event, Property.ORGANIZER, Parameter.CN)).isEqualTo("Sam Engineer");
        List<Property> attendees = event.getProperties(Property.ATTENDEE);
        assertThat(attendees).extracting(Property::getValue).containsExactly("mailto:dana@acme.example");
        assertThat(parameter(event, Property.ATTENDEE, Parameter.RSVP)).isEqualTo("TRUE");
        assertThat(parameter(event, Property.ATTENDEE, Parameter.PARTSTAT)).isEqualTo("NEEDS-ACTION");
        assertThat(parameter(event, Property.ATTENDEE, Parameter.CN)).isEqualTo("Dana Ops");
        assertThat(value(event, Property.LOCATION)).isEqualTo("https://meet.gitlab.example/sam");
        assertThat(value(event, Property.URL)).isEqualTo("https://meet.gitlab.example/sam");
        assertThat(value(event, Property.DESCRIPTION)).isEqualTo("Line one\nLine two");
        assertThat(value(event, Property.STATUS)).isEqualTo("CONFIRMED");
        // RFC 5545 §3.1: CRLF line ends, content lines folded at 75 octets
        assertThat(part.content()).contains("\r\n");
        assertThat(Arrays.stream(part.content().split("\r\n")))
                .allSatisfy(line -> assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
    }

    @Test
    void a_cancel_has_method_cancel_status_cancelled_the_same_uid_and_no_rsvp() throws Exception {
        CalendarPart part = invitations.write(invitation(Invitation.Method.CANCEL, 3, "Dana Ops",
                List.of("dana@acme.example"), "Cancelled"), "UA-1");

        assertThat(part.method()).isEqualTo("CANCEL");
        assertThat(part.contentType()).isEqualTo("text/calendar; charset=UTF-8; method=CANCEL");
        Calendar calendar = parse(part);
        assertThat(value(calendar, Property.METHOD)).isEqualTo("CANCEL");
        VEvent event = event(calendar);
        assertThat(value(event, Property.UID)).isEqualTo("call-42@upgrade-assist");
        assertThat(value(event, Property.SEQUENCE)).isEqualTo("3");
        assertThat(value(event, Property.STATUS)).isEqualTo("CANCELLED");
        assertThat(parameter(event, Property.ATTENDEE, Parameter.RSVP)).isNull();
    }

    @Test
    void text_and_names_are_escaped_by_the_library_and_read_back_unchanged() throws Exception {
        // (no backslash in the name: a parameter value has no escapes in RFC 5545, iCal4j writes it as is, but its
        // parser drops it inside a quoted value)
        String name = "O'Brien; \"Dana\", <script>x</script> ^ Ops";
        String description = "Commas, semicolons; backslash \\ and\nline breaks, ünïcödé";
        CalendarPart part = invitations.write(invitation(Invitation.Method.REQUEST, 1, name + "\r\nBcc: x@evil.example",
                List.of("dana@acme.example"), description), "UA-1");

        VEvent event = event(parse(part));
        assertThat(value(event, Property.DESCRIPTION)).isEqualTo(description);
        assertThat(parameter(event, Property.ATTENDEE, Parameter.CN)).isEqualTo(name + " Bcc: x@evil.example");
        assertThat(part.content()).doesNotContain("\nBcc:").doesNotContain("\r\nBcc");
        assertThat(event.<Property>getProperties(Property.ATTENDEE)).hasSize(1);
    }

    @Test
    void the_attendee_is_the_point_of_contact_when_the_requester_address_is_not_valid() throws Exception {
        CalendarPart part = invitations.write(invitation(Invitation.Method.REQUEST, 0, "Dana",
                List.of("not an address", "admins@acme.example"), null), "UA-1");

        assertThat(value(event(parse(part)), Property.ATTENDEE)).isEqualTo("mailto:admins@acme.example");
        assertThat(event(parse(part)).getProperty(Property.DESCRIPTION)).isEmpty();
    }

    @Test
    void an_invitation_that_cannot_be_built_says_why_without_the_address() {
        Invitation badOrganizer = new Invitation(Invitation.Method.REQUEST, "call-42", 0, STAMP, START, END, "Sam",
                "sam@@evil\r\nBcc: x", "Dana", List.of("dana@acme.example"), null, null);
        Invitation noAttendee = new Invitation(Invitation.Method.REQUEST, "call-42", 0, STAMP, START, END, "Sam",
                "sam@gitlab.example", "Dana", List.of("nope"), null, null);

        assertThat(CalendarInvitations.problem(badOrganizer)).startsWith("calendar invitation: the organizer's address")
                .doesNotContain("sam@@evil");
        assertThat(CalendarInvitations.problem(noAttendee)).isEqualTo("calendar invitation: no valid attendee address");
        assertThatThrownBy(() -> invitations.write(noAttendee, "UA-1")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Invitation invitation(Invitation.Method method, int sequence, String attendeeName,
                                         List<String> attendees, String description) {
        return new Invitation(method, "call-42", sequence, STAMP, START, END, "Sam Engineer", "sam@gitlab.example",
                attendeeName, attendees, "https://meet.gitlab.example/sam", description);
    }

    private static Calendar parse(CalendarPart part) throws Exception {
        return new CalendarBuilder().build(new StringReader(part.content()));
    }

    private static VEvent event(Calendar calendar) {
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static String value(net.fortuna.ical4j.model.PropertyContainer container, String name) {
        return container.getProperty(name).map(Property::getValue).orElse(null);
    }

    private static String parameter(VEvent event, String property, String parameter) {
        return event.getProperty(property).orElseThrow().getParameter(parameter).map(Parameter::getValue).orElse(null);
    }
}
