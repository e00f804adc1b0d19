package dev.upgradeassist.scheduling.booking;

import dev.upgradeassist.contracts.BookingLinkExpired;
import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.contracts.PlanApproved;
import dev.upgradeassist.contracts.TicketOnHold;
import dev.upgradeassist.scheduling.SchedulingITSupport;
import dev.upgradeassist.testsupport.TestKafka;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BookingLinkIT extends SchedulingITSupport {

    @Autowired
    BookingService bookings;

    @Test
    void an_approval_offering_the_call_issues_a_link_with_url_expiry_engineer_and_contact() {
        String requestId = newRequestId();
        Instant upgradeStart = upgradeInTenDays();
        PlanApproved approval = approval(requestId, 1, true, upgradeStart);

        TestKafka.publish(approval);

        BookingLinkIssued link = awaitOne(requestId, "BookingLinkIssued").as(BookingLinkIssued.class);
        assertThat(link.url()).matches("http://localhost:8083/book/[A-Za-z0-9_-]{43}");
        assertThat(link.expiresAt()).isEqualTo(upgradeStart.minus(Duration.ofDays(2)));
        assertThat(link.engineer()).isEqualTo("alice");
        assertThat(link.callMinutes()).isEqualTo(30);
        assertThat(link.approvalEventId()).isEqualTo(approval.eventId());
        assertThat(link.contact()).isEqualTo(approval.contact());
        assertThat(scheduling(requestId, "TicketOnHold")).as("on hold only once the call is booked").isEmpty();
    }

    @Test
    void a_replayed_approval_issues_no_second_link() {
        String requestId = newRequestId();
        PlanApproved approval = approval(requestId, 1, true, upgradeInTenDays());
        TestKafka.publish(approval);
        awaitOne(requestId, "BookingLinkIssued");

        TestKafka.publish(approval);
        TestKafka.publish(approval);
        // a later record on the same partition: once its effect shows, the replays before it were handled
        TestKafka.publish(decline(requestId, 1));
        awaitOne(requestId, "BookingLinkExpired");

        assertThat(scheduling(requestId, "BookingLinkIssued")).hasSize(1);
    }

    @Test
    void no_link_when_the_upgrade_is_less_than_two_days_away_and_the_ticket_goes_on_hold() {
        String requestId = newRequestId();
        Instant soon = clock.instant().plus(Duration.ofDays(1));

        TestKafka.publish(approval(requestId, 1, true, soon));

        TicketOnHold hold = awaitOne(requestId, "TicketOnHold").as(TicketOnHold.class);
        assertThat(hold.upgradeStart()).isEqualTo(soon);
        assertThat(scheduling(requestId, "BookingLinkIssued")).isEmpty();
    }

    @Test
    void no_link_when_the_call_is_not_offered_and_the_ticket_goes_on_hold() {
        String requestId = newRequestId();

        TestKafka.publish(approval(requestId, 1, false, upgradeInTenDays()));

        TicketOnHold hold = awaitOne(requestId, "TicketOnHold").as(TicketOnHold.class);
        assertThat(hold.assignee()).as("the region's Upgrade-focus engineer").isEqualTo("alice");
        assertThat(hold.windowDurationMinutes()).isEqualTo(240);
        assertThat(scheduling(requestId, "BookingLinkIssued")).isEmpty();
    }

    @Test
    void a_re_approval_revokes_the_old_link_and_issues_a_new_one() {
        String requestId = newRequestId();
        BookingLinkIssued first = issueLink(requestId);

        TestKafka.publish(approval(requestId, 2, true, upgradeInTenDays().plus(Duration.ofDays(1))));

        await().atMost(WAIT).until(() -> scheduling(requestId, "BookingLinkIssued").size() == 2);
        BookingLinkExpired revoked = awaitOne(requestId, "BookingLinkExpired").as(BookingLinkExpired.class);
        assertThat(revoked.linkId()).isEqualTo(first.linkId());
        assertThat(revoked.reason()).isEqualTo(BookingLinkExpired.Reason.REVOKED);
        BookingLinkIssued second = scheduling(requestId, "BookingLinkIssued").get(1).as(BookingLinkIssued.class);
        assertThat(second.linkId()).isNotEqualTo(first.linkId());

        String slot = offeredSlots(tokenOf(second)).get(0);
        assertThat(book(tokenOf(first), slot).statusCode()).isEqualTo(410);
        assertThat(book(tokenOf(second), slot).statusCode()).isEqualTo(201);
    }

    @Test
    void a_stale_approval_changes_nothing() {
        String requestId = newRequestId();
        TestKafka.publish(approval(requestId, 2, true, upgradeInTenDays()));
        awaitOne(requestId, "BookingLinkIssued");

        TestKafka.publish(approval(requestId, 1, true, upgradeInTenDays()));
        TestKafka.publish(decline(requestId, 2));
        awaitOne(requestId, "BookingLinkExpired");

        assertThat(scheduling(requestId, "BookingLinkIssued")).hasSize(1);
    }

    @Test
    void a_decline_revokes_the_open_link() {
        String requestId = newRequestId();
        BookingLinkIssued link = issueLink(requestId);

        TestKafka.publish(decline(requestId, 1));

        BookingLinkExpired revoked = awaitOne(requestId, "BookingLinkExpired").as(BookingLinkExpired.class);
        assertThat(revoked.reason()).isEqualTo(BookingLinkExpired.Reason.REVOKED);
        assertThat(revoked.linkId()).isEqualTo(link.linkId());
        assertThat(get("/book/" + tokenOf(link)).statusCode()).isEqualTo(410);
    }

    @Test
    void an_expired_link_is_gone_before_the_sweep_ran_and_the_sweep_announces_it() {
        String requestId = newRequestId();
        BookingLinkIssued link = issueLink(requestId);
        String slot = offeredSlots(tokenOf(link)).get(0);

        clock.advance(Duration.between(clock.instant(), link.expiresAt()).plusSeconds(1));

        assertThat(book(tokenOf(link), slot).statusCode()).isEqualTo(410);
        assertThat(get("/book/" + tokenOf(link)).statusCode()).isEqualTo(410);
        assertThat(linkStatus(requestId)).as("not swept yet: the query itself refused it").isEqualTo("ISSUED");

        bookings.expireRunOutLinks();

        BookingLinkExpired expired = awaitOne(requestId, "BookingLinkExpired").as(BookingLinkExpired.class);
        assertThat(expired.reason()).isEqualTo(BookingLinkExpired.Reason.EXPIRED);
        assertThat(expired.linkId()).isEqualTo(link.linkId());
        assertThat(awaitOne(requestId, "TicketOnHold").as(TicketOnHold.class).requestId()).isEqualTo(requestId);
        assertThat(linkStatus(requestId)).isEqualTo("EXPIRED");
        bookings.expireRunOutLinks();
        assertThat(scheduling(requestId, "BookingLinkExpired")).as("expired once").hasSize(1);
    }

    @Test
    void stored_documents_hold_the_token_hash_but_never_the_raw_token() throws Exception {
        String requestId = newRequestId();
        BookingLinkIssued link = issueLink(requestId);
        String token = tokenOf(link);
        awaitOutboxDrained(requestId);

        Document raw = rawDocument(requestId);
        String json = raw.toJson();
        assertThat(json).doesNotContain(token);
        assertThat(json).doesNotContain(link.url());
        List<Document> links = raw.getList("links", Document.class);
        assertThat(links).hasSize(1);
        String expectedHash = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        assertThat(links.get(0).getString("tokenHash")).isEqualTo(expectedHash);
        for (Document any : mongo.getCollection("upgrade_requests").find()) {
            assertThat(any.toJson()).doesNotContain(token);
        }
    }

    private String linkStatus(String requestId) {
        List<Document> links = rawDocument(requestId).getList("links", Document.class);
        return links.get(links.size() - 1).getString("status");
    }
}
