package dev.upgradeassist.systemtests.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.systemtests.http.MailApi;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Requests outside the tracker's mailbox sample share mailboxes; a poll still finds only the request's own mail. */
class SharedMailboxesTest {

    private final Submissions submissions = new Submissions(List.of("17.0.8"), LocalDate.of(2026, 12, 1), 14,
            "load.example");

    @Test
    void aRequestOutsideTheSampleGetsOneOfTheSharedAddresses() {
        assertThat(submissions.mailbox("run", 7, true, 500)).isEqualTo("r-run-7@load.example");
        assertThat(submissions.mailbox("run", 7, false, 0)).isEqualTo("r-run-7@load.example");
        assertThat(submissions.mailbox("run", 7, false, 500)).isEqualTo("r-run-s7@load.example");
        assertThat(submissions.mailbox("run", 507, false, 500)).isEqualTo("r-run-s7@load.example");
        assertThat(submissions.mailbox("run", 508, false, 500)).isEqualTo("r-run-s8@load.example");
    }

    @Test
    void anOwnMailboxHoldsTheRequestsMailWhenItHoldsAnyMessage() {
        Tracked own = new Tracked("t", 10, Scenario.APPROVED, "r-run-10@load.example", false, "k", "{}");
        assertThat(Tracker.holdsMailOf(List.of(), own)).isFalse();
        assertThat(Tracker.holdsMailOf(List.of(new MailApi.Mail("<a@x>", "[UA-1] anything")), own)).isTrue();
    }

    @Test
    void aSharedMailboxHoldsTheRequestsMailOnlyWhenASubjectStartsWithItsTicketId() {
        Tracked shared = new Tracked("t", 7, Scenario.APPROVED, "r-run-s7@load.example", true, "k", "{}");
        List<MailApi.Mail> others = List.of(new MailApi.Mail("<a@x>", "[UA-100001] Your upgrade is scheduled"),
                new MailApi.Mail("<b@x>", null));
        assertThat(Tracker.holdsMailOf(others, shared)).as("ticket id not known yet").isFalse();

        shared.ticketId = "UA-100";
        assertThat(Tracker.holdsMailOf(others, shared)).as("UA-100001 is another request's").isFalse();

        List<MailApi.Mail> withOwn = List.of(others.get(0), new MailApi.Mail("<c@x>",
                "[UA-100] We received your upgrade assistance request"));
        assertThat(Tracker.holdsMailOf(withOwn, shared)).isTrue();
    }

    @Test
    void onlyRequestsThatPollTheirMailboxAsTheLoadGoesKeepOneOfTheirOwn() {
        Tracker gated = new Tracker(id -> Optional.empty(), request -> false, 1, Duration.ofMinutes(1),
                new FakeSignals(), Duration.ofSeconds(10), 10, 10);
        Tracker ungated = new Tracker(id -> Optional.empty(), request -> false, 1, Duration.ofMinutes(1), null,
                Duration.ofSeconds(10), 10, 10);
        try {
            assertThat(gated.pollsMailboxOf(20)).isTrue();
            assertThat(gated.pollsMailboxOf(21)).isFalse();
            assertThat(ungated.pollsMailboxOf(21)).as("without a gate every request polls its mailbox").isTrue();
        } finally {
            gated.close();
            ungated.close();
        }
    }
}
