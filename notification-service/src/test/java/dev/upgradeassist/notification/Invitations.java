package dev.upgradeassist.notification;

import dev.upgradeassist.testsupport.Mailbox;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The calendar invitations of a received message, as a calendar client reads them: every {@code text/calendar} MIME
 * part, decoded by Jakarta Mail and parsed by iCal4j (never by looking at the text).
 */
public final class Invitations {

    private Invitations() {
    }

    /** One {@code text/calendar} part: its MIME type and the calendar iCal4j parsed from it. */
    public record Invite(ContentType contentType, String text, Calendar calendar) {

        /** The MIME type's {@code method} parameter, e.g. {@code REQUEST}. */
        public String mimeMethod() {
            return contentType.getParameter("method");
        }

        public String charset() {
            return contentType.getParameter("charset");
        }

        /** The calendar's {@code METHOD}. */
        public String method() {
            return calendar.getProperty(Property.METHOD).map(Property::getValue).orElse(null);
        }

        public String prodId() {
            return calendar.getProperty(Property.PRODID).map(Property::getValue).orElse(null);
        }

        public VEvent event() {
            List<VEvent> events = calendar.getComponents("VEVENT");
            if (events.size() != 1) {
                throw new AssertionError("expected one VEVENT, found " + events.size());
            }
            return events.get(0);
        }

        public String eventProperty(String name) {
            return event().getProperty(name).map(Property::getValue).orElse(null);
        }

        public String uid() {
            return eventProperty(Property.UID);
        }

        public int sequence() {
            return Integer.parseInt(eventProperty(Property.SEQUENCE));
        }

        public Instant start() {
            return instant(Property.DTSTART);
        }

        public Instant end() {
            return instant(Property.DTEND);
        }

        public String status() {
            return eventProperty(Property.STATUS);
        }

        public String organizer() {
            return eventProperty(Property.ORGANIZER);
        }

        public List<String> attendees() {
            return event().getProperties(Property.ATTENDEE).stream().map(Property::getValue).toList();
        }

        /** A parameter of the one property {@code property} of the event, e.g. the ORGANIZER's CN. */
        public String parameter(String property, String parameter) {
            return event().getProperty(property).orElseThrow().getParameter(parameter).map(Parameter::getValue)
                    .orElse(null);
        }

        /** A DATE-TIME property as the instant it names; it must be a UTC time ({@code ...Z}). */
        private Instant instant(String name) {
            Property property = event().getProperty(name).orElseThrow();
            if (!property.getValue().endsWith("Z")) {
                throw new AssertionError(name + " is not in UTC: " + property.getValue());
            }
            Temporal date = ((net.fortuna.ical4j.model.property.DateProperty<?>) property).getDate();
            return Instant.from(date);
        }
    }

    /** Every {@code text/calendar} part of the message, parsed. */
    public static List<Invite> of(Mailbox.Mail mail) {
        try {
            var message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(mail.raw().getBytes(StandardCharsets.UTF_8)));
            List<Invite> found = new ArrayList<>();
            collect(message, found);
            return found;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The MIME types of the alternatives that hold a {@code text/calendar} part (e.g. {@code [text/plain, text/html,
     * text/calendar]}), or empty when no {@code multipart/alternative} holds one.
     */
    public static List<String> alternativesWithCalendar(Mailbox.Mail mail) {
        try {
            var message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(mail.raw().getBytes(StandardCharsets.UTF_8)));
            return alternatives(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> alternatives(Part part) throws Exception {
        if (!part.isMimeType("multipart/*")) {
            return List.of();
        }
        Multipart multipart = (Multipart) part.getContent();
        if (part.isMimeType("multipart/alternative")) {
            List<String> types = new ArrayList<>();
            for (int i = 0; i < multipart.getCount(); i++) {
                types.add(new ContentType(multipart.getBodyPart(i).getContentType()).getBaseType().toLowerCase());
            }
            if (types.contains("text/calendar")) {
                return types;
            }
        }
        for (int i = 0; i < multipart.getCount(); i++) {
            List<String> found = alternatives(multipart.getBodyPart(i));
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    /** The one invitation of the message. */
    public static Invite one(Mailbox.Mail mail) {
        List<Invite> invites = of(mail);
        if (invites.size() != 1) {
            throw new AssertionError("message " + mail.subject() + " holds " + invites.size() + " text/calendar parts");
        }
        return invites.get(0);
    }

    private static void collect(Part part, List<Invite> found) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, found);
            }
        } else if (part.isMimeType("text/calendar")) {
            ContentType type = new ContentType(part.getContentType());
            String charset = type.getParameter("charset") == null ? "US-ASCII" : type.getParameter("charset");
            String text;
            try (InputStream in = part.getInputStream()) { // decoded from its transfer encoding
                text = new String(in.readAllBytes(), charset);
            }
            Calendar calendar = new CalendarBuilder().build(new StringReader(text));
            found.add(new Invite(type, text, calendar));
        }
    }
}
