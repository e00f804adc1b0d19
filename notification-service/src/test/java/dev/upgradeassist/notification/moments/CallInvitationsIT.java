package dev.upgradeassist.notification.moments;

import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.NotificationSent;
import dev.upgradeassist.contracts.ReviewCallBooked;
import dev.upgradeassist.contracts.ReviewCallCancelled;
import dev.upgradeassist.contracts.ReviewCallRescheduled;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.notification.Invitations;
import dev.upgradeassist.notification.Invitations.Invite;
import dev.upgradeassist.notification.Mails;
import dev.upgradeassist.notification.Meters;
import dev.upgradeassist.notification.RequestFlow;
import dev.upgradeassist.notification.templates.Template;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.Mailbox;
import dev.upgradeassist.testsupport.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;

import static dev.upgradeassist.notification.RequestFlow.BOOKED_START;
import static dev.upgradeassist.notification.RequestFlow.MEETING_URL;
import static dev.upgradeassist.notification.RequestFlow.MOVED_START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The review call's emails carry its calendar invitation (RFC 5545 / iTIP): every message is read over IMAP as a
 * person's mail client reads it, and its {@code text/calendar} parts are parsed with iCal4j.
 */
@IntegrationTest
class CallInvitationsIT {

    private static final Template[] CALL_TEMPLATES = {Template.CALL_BOOKED, Template.CALL_BOOKED_ENGINEER,
            Template.CALL_RESCHEDULED, Template.CALL_RESCHEDULED_ENGINEER, Template.CALL_CANCELLED,
            Template.CALL_CANCELLED_ENGINEER};

    @Autowired
    MeterRegistry meters;

    @Test
    void book_reschedule_cancel_sends_both_one_invitation_each_with_the_same_uid_and_a_rising_sequence() {
        RequestFlow flow = RequestFlow.request();
        String uid = flow.callId + "@upgrade-assist";

        // 1. booked: METHOD:REQUEST, SEQUENCE 0, the slot
        TestKafka.publish(flow.callBookedWithInvitation());

        Mailbox.Mail booked = Mails.one(flow.requester);
        assertThat(booked.subject()).isEqualTo("[" + flow.ticketId + "] Your upgrade review call is booked");
        assertThat(booked.to()).containsExactlyInAnyOrder(flow.requester, flow.contactEmail);
        assertThat(booked.cc()).containsExactly(flow.tam);
        Invite customerBooked = Invitations.one(booked);
        // where calendar clients look for it: the last alternative of the bodies (RFC 6047)
        assertThat(Invitations.alternativesWithCalendar(booked)).containsExactly("text/plain", "text/html", "text/calendar");
        assertRequest(customerBooked, flow, uid, 0, BOOKED_START);
        assertThat(customerBooked.eventProperty(Property.DESCRIPTION)).contains(flow.manageUrl, MEETING_URL);
        assertThat(Mails.text(booked)).contains(flow.manageUrl, "Join the call: " + MEETING_URL,
                "A calendar invitation is attached", "Start (UTC):            Tuesday, 8 December 2026, 15:00 UTC");
        assertThat(Mails.html(booked)).contains("href=\"" + flow.manageUrl + "\"", "href=\"" + MEETING_URL + "\"");
        // the point of contact and the TAM receive the same message, invitation included
        assertThat(Mails.one(flow.contactEmail).messageId()).isEqualTo(booked.messageId());
        assertThat(Invitations.one(Mails.one(flow.tam)).uid()).isEqualTo(uid);

        Mailbox.Mail engineerBooked = Mails.one(flow.engineer);
        assertThat(engineerBooked.subject()).isEqualTo("[" + flow.ticketId + "] Upgrade review call booked with you");
        assertThat(engineerBooked.to()).containsExactly(flow.engineer);
        Invite engineerInvite = Invitations.one(engineerBooked);
        assertRequest(engineerInvite, flow, uid, 0, BOOKED_START);
        assertThat(Mails.text(engineerBooked)).contains("Meeting room: " + MEETING_URL);
        assertNoManageLink(engineerBooked, engineerInvite, flow);

        // 2. moved: the same UID, SEQUENCE 1, the new slot, still a REQUEST
        TestKafka.publish(flow.callRescheduled(1, BOOKED_START, MOVED_START));

        Mailbox.Mail moved = withSubject(Mails.awaitCount(flow.requester, 2), "Your upgrade review call was moved");
        Invite customerMoved = Invitations.one(moved);
        assertRequest(customerMoved, flow, uid, 1, MOVED_START);
        assertThat(Mails.text(moved)).contains(flow.manageUrl,
                "New start (UTC):            Wednesday, 9 December 2026, 14:30 UTC",
                "Instead of:                 Tuesday, 8 December 2026, 10:00 EST (America/New_York)");
        Mailbox.Mail engineerMoved = withSubject(Mails.awaitCount(flow.engineer, 2), "Upgrade review call with you moved");
        Invite engineerMovedInvite = Invitations.one(engineerMoved);
        assertRequest(engineerMovedInvite, flow, uid, 1, MOVED_START);
        assertNoManageLink(engineerMoved, engineerMovedInvite, flow);

        // 3. cancelled by the customer: METHOD:CANCEL, the same UID, SEQUENCE 2, STATUS:CANCELLED
        TestKafka.publish(flow.callCancelled(2, MOVED_START, ReviewCallCancelled.Reason.CUSTOMER_CANCELLED, "customer"));

        Mailbox.Mail cancelled = withSubject(Mails.awaitCount(flow.requester, 3), "Your upgrade review call was cancelled");
        Invite customerCancel = Invitations.one(cancelled);
        assertCancel(customerCancel, flow, uid, 2, MOVED_START);
        assertThat(Mails.text(cancelled)).contains("was cancelled: you cancelled the call.",
                "reply to your support engineer and they will send you a new booking link")
                .doesNotContain(flow.manageUrl);
        Mailbox.Mail engineerCancelled = withSubject(Mails.awaitCount(flow.engineer, 3),
                "Upgrade review call with you cancelled");
        Invite engineerCancel = Invitations.one(engineerCancelled);
        assertCancel(engineerCancel, flow, uid, 2, MOVED_START);
        assertThat(Mails.text(engineerCancelled)).contains("was cancelled: the customer cancelled the call.");
        assertNoManageLink(engineerCancelled, engineerCancel, flow);

        // in both calendars: one UID, the sequence rising with every change, nothing else
        for (String mailbox : List.of(flow.requester, flow.engineer)) {
            List<Invite> invites = Mails.of(mailbox).stream().map(Invitations::one).toList();
            assertThat(invites).extracting(Invite::uid).containsOnly(uid);
            assertThat(invites).extracting(Invite::sequence).containsExactlyInAnyOrder(0, 1, 2);
            assertThat(invites).extracting(Invite::method).containsExactlyInAnyOrder("REQUEST", "REQUEST", "CANCEL");
        }
    }

    @Test
    void a_booking_of_the_older_shape_without_a_call_id_is_confirmed_without_a_calendar_part() {
        RequestFlow flow = RequestFlow.request();

        TestKafka.publish(flow.callBooked());

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(mail.subject()).isEqualTo("[" + flow.ticketId + "] Your upgrade review call is booked");
        assertThat(Mails.text(mail)).contains("Start (UTC):            Tuesday, 8 December 2026, 15:00 UTC")
                .doesNotContain("calendar invitation").doesNotContain("Reschedule or cancel");
        assertThat(Invitations.of(mail)).isEmpty();
        assertThat(mail.raw()).doesNotContainIgnoringCase("text/calendar");
        Mailbox.Mail engineer = Mails.one(flow.engineer);
        assertThat(Invitations.of(engineer)).isEmpty();
        assertThat(engineer.raw()).doesNotContainIgnoringCase("text/calendar");
    }

    @Test
    void each_version_of_the_invitation_is_emailed_once_across_redelivery_and_republication() {
        RequestFlow flow = RequestFlow.request();
        ReviewCallBooked booked = flow.callBookedWithInvitation();
        ReviewCallRescheduled moved = flow.callRescheduled(1, BOOKED_START, MOVED_START);
        ReviewCallCancelled cancelled = flow.callCancelled(2, MOVED_START, ReviewCallCancelled.Reason.CUSTOMER_CANCELLED,
                "customer");
        double skippedBefore = Meters.notifications(meters, "duplicate_skipped", CALL_TEMPLATES);

        // each event delivered twice, and published again under a new event id (a producer re-raising it)
        List<DomainEvent> events = List.of(booked, booked, RequestFlow.republished(booked),
                moved, moved, RequestFlow.republished(moved),
                cancelled, cancelled, RequestFlow.republished(cancelled));
        events.forEach(TestKafka::publish);

        // 3 versions x 2 emails x 2 copies too many
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Meters.notifications(meters, "duplicate_skipped", CALL_TEMPLATES) >= skippedBefore + 12);
        await().atMost(Duration.ofSeconds(30)).until(() -> sent(flow).size() >= 6);
        assertThat(Mails.awaitCount(flow.requester, 3)).hasSize(3);
        assertThat(Mails.awaitCount(flow.engineer, 3)).hasSize(3);
        assertThat(Mails.of(flow.tam)).hasSize(3);
        assertThat(sent(flow)).hasSize(6);
        assertThat(Mails.of(flow.requester).stream().map(Invitations::one).map(Invite::sequence))
                .containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void a_cancel_because_the_request_was_declined_or_changes_were_requested_says_why_to_both() {
        RequestFlow declined = RequestFlow.request();
        RequestFlow changes = RequestFlow.request();

        TestKafka.publish(declined.callCancelled(1, BOOKED_START, ReviewCallCancelled.Reason.REQUEST_DECLINED, "alice"));
        TestKafka.publish(changes.callCancelled(1, BOOKED_START, ReviewCallCancelled.Reason.CHANGES_REQUESTED, "bob"));

        Mailbox.Mail customerDeclined = Mails.one(declined.requester);
        assertThat(Mails.text(customerDeclined)).contains("was cancelled: your upgrade assistance request was declined")
                .doesNotContain("new booking link");
        assertCancel(Invitations.one(customerDeclined), declined, declined.callId + "@upgrade-assist", 1, BOOKED_START);
        assertThat(Mails.text(Mails.one(declined.engineer))).contains("was cancelled: the request was declined by alice.");
        assertCancel(Invitations.one(Mails.one(declined.engineer)), declined, declined.callId + "@upgrade-assist", 1,
                BOOKED_START);

        assertThat(Mails.text(Mails.one(changes.requester)))
                .contains("was cancelled: changes were requested to your upgrade plan");
        assertThat(Invitations.one(Mails.one(changes.requester)).eventProperty(Property.DESCRIPTION))
                .startsWith("Cancelled: changes were requested to your upgrade plan");
        assertThat(Mails.text(Mails.one(changes.engineer)))
                .contains("was cancelled: changes were requested to the upgrade plan by bob.");
    }

    @Test
    void names_stay_escaped_in_html_and_are_quoted_in_the_invitation() {
        String name = "<script>alert('x')</script>; \"Ops\", Dana";
        RequestFlow flow = RequestFlow.named(name);

        TestKafka.publish(flow.callBookedWithInvitation());

        Mailbox.Mail mail = Mails.one(flow.requester);
        assertThat(Mails.html(mail)).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").doesNotContain("<script>");
        assertThat(Mails.text(mail)).contains("Hello " + name + ",");
        Invite invite = Invitations.one(mail);
        assertThat(invite.parameter(Property.ATTENDEE, Parameter.CN)).isEqualTo(name);
        assertThat(invite.attendees()).containsExactly("mailto:" + flow.requester);
        Mailbox.Mail engineer = Mails.one(flow.engineer);
        assertThat(Mails.html(engineer)).contains("&lt;script&gt;").doesNotContain("<script>");
        assertThat(Invitations.one(engineer).eventProperty(Property.DESCRIPTION)).contains(name);
    }

    @Test
    void a_link_an_engineer_issued_again_says_so_once_per_link() {
        RequestFlow flow = RequestFlow.request();
        var first = flow.bookingLinkReissued("link-" + flow.callId + "-a", "alice");

        TestKafka.publish(flow.bookingLink()); // the link of the approval: nothing about a new link
        TestKafka.publish(first);
        TestKafka.publish(first);
        TestKafka.publish(RequestFlow.republished(first));
        TestKafka.publish(flow.bookingLinkReissued("link-" + flow.callId + "-b", "bob"));

        List<Mailbox.Mail> mails = Mails.awaitCount(flow.requester, 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> sent(flow).size() >= 3);
        assertThat(Mails.of(flow.requester)).hasSize(3);
        assertThat(mails).allSatisfy(mail -> assertThat(Invitations.of(mail)).isEmpty());
        List<String> texts = mails.stream().map(Mails::text).toList();
        assertThat(texts).filteredOn(t -> t.contains("https://upgrade-assist.example/book/abc123"))
                .singleElement().satisfies(t -> assertThat(t).doesNotContain("issued a new booking link"));
        assertThat(texts).filteredOn(t -> t.contains("/book/link-" + flow.callId + "-a")).singleElement()
                .satisfies(t -> assertThat(t).contains("alice of GitLab Support issued a new booking link for you. "
                        + "Any earlier link no longer works."));
        assertThat(texts).filteredOn(t -> t.contains("/book/link-" + flow.callId + "-b")).singleElement()
                .satisfies(t -> assertThat(t).contains("bob of GitLab Support issued a new booking link"));
        assertThat(mails.stream().map(Mails::html).filter(h -> h.contains("issued a new booking")).count()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ helpers

    private static void assertRequest(Invite invite, RequestFlow flow, String uid, int sequence, java.time.Instant start) {
        assertThat(invite.mimeMethod()).isEqualTo("REQUEST");
        assertThat(invite.charset()).isEqualToIgnoringCase("UTF-8");
        assertThat(invite.method()).isEqualTo("REQUEST");
        assertThat(invite.prodId()).isEqualTo("-//GitLab Support//Upgrade Assist//EN");
        assertThat(invite.uid()).isEqualTo(uid);
        assertThat(invite.sequence()).isEqualTo(sequence);
        assertThat(invite.start()).isEqualTo(start);
        assertThat(invite.end()).isEqualTo(start.plusSeconds(1800));
        assertThat(invite.eventProperty(Property.DTSTAMP)).endsWith("Z");
        assertThat(invite.eventProperty(Property.SUMMARY)).isEqualTo("Upgrade review call (ticket " + flow.ticketId + ")");
        assertThat(invite.organizer()).isEqualTo("mailto:" + flow.engineer);
        assertThat(invite.parameter(Property.ORGANIZER, Parameter.CN)).isEqualTo("Sam Engineer");
        assertThat(invite.attendees()).containsExactly("mailto:" + flow.requester);
        assertThat(invite.parameter(Property.ATTENDEE, Parameter.RSVP)).isEqualTo("TRUE");
        assertThat(invite.eventProperty(Property.LOCATION)).isEqualTo(MEETING_URL);
        assertThat(invite.eventProperty(Property.URL)).isEqualTo(MEETING_URL);
        assertThat(invite.status()).isEqualTo("CONFIRMED");
    }

    private static void assertCancel(Invite invite, RequestFlow flow, String uid, int sequence, java.time.Instant start) {
        assertThat(invite.mimeMethod()).isEqualTo("CANCEL");
        assertThat(invite.method()).isEqualTo("CANCEL");
        assertThat(invite.uid()).isEqualTo(uid);
        assertThat(invite.sequence()).isEqualTo(sequence);
        assertThat(invite.start()).isEqualTo(start);
        assertThat(invite.end()).isEqualTo(start.plusSeconds(1800));
        assertThat(invite.status()).isEqualTo("CANCELLED");
        assertThat(invite.organizer()).isEqualTo("mailto:" + flow.engineer);
        assertThat(invite.attendees()).containsExactly("mailto:" + flow.requester);
        assertThat(invite.eventProperty(Property.DESCRIPTION)).startsWith("Cancelled: ").doesNotContain(flow.manageUrl);
    }

    /** The engineer's message shows the manage link nowhere: not in its raw MIME, its bodies or its invitation. */
    private static void assertNoManageLink(Mailbox.Mail mail, Invite invite, RequestFlow flow) {
        String token = flow.manageUrl.substring(flow.manageUrl.lastIndexOf('/') + 1);
        assertThat(mail.raw()).doesNotContain(token);
        assertThat(Mails.text(mail)).doesNotContain(token).doesNotContain("Reschedule or cancel");
        assertThat(Mails.html(mail)).doesNotContain(token);
        assertThat(invite.text()).doesNotContain(token);
        assertThat(invite.eventProperty(Property.DESCRIPTION)).doesNotContain(token);
    }

    private static Mailbox.Mail withSubject(List<Mailbox.Mail> mails, String subject) {
        return mails.stream().filter(m -> m.subject().endsWith(subject)).reduce((a, b) -> {
            throw new AssertionError("two messages end with " + subject);
        }).orElseThrow(() -> new AssertionError("no message ends with " + subject));
    }

    private static List<NotificationSent> sent(RequestFlow flow) {
        return TestKafka.events(Topics.NOTIFICATION, flow.requestId).stream()
                .filter(r -> "NotificationSent.v1".equals(r.typeId()))
                .map(r -> r.as(NotificationSent.class)).toList();
    }
}
