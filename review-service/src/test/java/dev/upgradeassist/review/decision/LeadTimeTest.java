package dev.upgradeassist.review.decision;

import static dev.upgradeassist.review.fixtures.Reviews.codes;
import static dev.upgradeassist.review.fixtures.Reviews.review;
import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.review.fixtures.SubmissionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Domain §e lead times (call: 2 days, warn under 3; US Government: 7 days) and §d D6 support hours. */
class LeadTimeTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    static Stream<Arguments> reviewCall() {
        return Stream.of(
                // lead, wants call, call offered, expected finding (or null)
                Arguments.of(Duration.ofDays(1), true, false, "REVIEW_CALL_NOT_POSSIBLE"),
                Arguments.of(Duration.ofDays(2).minus(MINUTE), true, false, "REVIEW_CALL_NOT_POSSIBLE"),
                Arguments.of(Duration.ofDays(2), true, true, "REVIEW_CALL_SHORT_NOTICE"),
                Arguments.of(Duration.ofDays(3).minus(MINUTE), true, true, "REVIEW_CALL_SHORT_NOTICE"),
                Arguments.of(Duration.ofDays(3), true, true, null),
                Arguments.of(Duration.ofDays(7), true, true, null),
                Arguments.of(Duration.ofDays(1), false, false, null),
                Arguments.of(Duration.ofDays(3), false, false, null));
    }

    @ParameterizedTest(name = "{0} ahead, call wanted {1}: offered {2}, finding {3}")
    @MethodSource("reviewCall")
    void the_review_call_needs_two_days_and_warns_under_three(Duration lead, boolean wantsCall, boolean offered,
                                                              String finding) {
        SubmissionBuilder submission = SubmissionBuilder.complete().startingIn(lead);
        submission.wantsReviewCall = wantsCall;

        ReviewDecision.Approved decision = (ReviewDecision.Approved) review(submission);

        assertThat(decision.callOffered()).isEqualTo(offered);
        assertThat(decision.wantsReviewCall()).isEqualTo(wantsCall);
        if (finding == null) {
            assertThat(codes(decision)).doesNotContain("REVIEW_CALL_NOT_POSSIBLE", "REVIEW_CALL_SHORT_NOTICE");
        } else {
            assertThat(codes(decision)).contains(finding);
        }
    }

    @Test
    void a_call_that_cannot_be_offered_suggests_rescheduling() {
        SubmissionBuilder submission = SubmissionBuilder.complete().startingIn(Duration.ofDays(1));

        ReviewDecision.Approved decision = (ReviewDecision.Approved) review(submission);

        assertThat(decision.findings()).filteredOn(f -> f.code().equals("REVIEW_CALL_NOT_POSSIBLE"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("no review call", "Reschedule"));
    }

    static Stream<Arguments> federalNotice() {
        return Stream.of(
                Arguments.of(Duration.ofDays(1), Form.US_FEDERAL, "declined"),
                Arguments.of(Duration.ofDays(3), Form.US_FEDERAL, "declined"),
                Arguments.of(Duration.ofDays(7).minus(MINUTE), Form.US_FEDERAL, "declined"),
                Arguments.of(Duration.ofDays(7), Form.US_FEDERAL, "approved"),
                Arguments.of(Duration.ofDays(7).minus(MINUTE), Form.STANDARD, "approved"));
    }

    @ParameterizedTest(name = "{1} {0} ahead: {2}")
    @MethodSource("federalNotice")
    void us_government_requests_need_all_information_seven_days_ahead(Duration lead, Form form, String outcome) {
        SubmissionBuilder submission = SubmissionBuilder.complete().startingIn(lead);
        submission.form = form;

        ReviewDecision decision = review(submission);

        assertThat(decision.outcome()).isEqualTo(outcome);
        if (decision instanceof ReviewDecision.Declined declined) {
            assertThat(declined.reason()).isEqualTo(DeclineReason.POSTPONE_RECOMMENDED);
            assertThat(declined.rule().code()).isEqualTo("US_FEDERAL_NOTICE_PERIOD");
            assertThat(declined.explanation()).contains("7 days", "emergency support");
        }
    }

    @Test
    void a_late_us_government_request_with_gaps_is_postponed_and_names_the_gaps() {
        SubmissionBuilder submission = SubmissionBuilder.complete().startingIn(Duration.ofDays(5));
        submission.form = Form.US_FEDERAL;
        submission.rollbackPlanPresent = false;

        ReviewDecision.Declined decision = (ReviewDecision.Declined) review(submission);

        assertThat(decision.explanation()).contains("Still missing", "No rollback plan");
    }

    @Test
    void an_early_us_government_request_with_gaps_states_the_information_deadline() {
        SubmissionBuilder submission = SubmissionBuilder.complete();
        submission.form = Form.US_FEDERAL;
        submission.windowStart = "2026-12-15T10:00:00";
        submission.timeZone = "America/Los_Angeles";
        submission.rollbackPlanPresent = false;

        ReviewDecision.InformationMissing decision = (ReviewDecision.InformationMissing) review(submission);

        assertThat(decision.findings()).filteredOn(f -> f.code().equals("US_FEDERAL_INFORMATION_DEADLINE"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("2026-12-08 10:00"));
    }

    @Test
    void the_upgrade_start_is_the_window_start_resolved_in_its_zone() {
        ReviewDecision.Approved decision = (ReviewDecision.Approved) review(SubmissionBuilder.complete());

        assertThat(decision.upgradeStart()).isEqualTo(Instant.parse("2026-12-16T03:00:00Z"));
        assertThat(decision.windowDurationMinutes()).isEqualTo(240);
        assertThat(decision.rollbackEstimateMinutes()).isEqualTo(90);
    }

    @Test
    void a_start_in_a_daylight_saving_gap_moves_forward() {
        SubmissionBuilder submission = SubmissionBuilder.complete();
        submission.windowStart = "2027-03-14T02:30:00";

        ReviewDecision.Approved decision = (ReviewDecision.Approved) review(submission);

        assertThat(decision.upgradeStart()).isEqualTo(Instant.parse("2027-03-14T07:30:00Z"));
    }

    static Stream<Arguments> supportHours() {
        return Stream.of(
                // form, start, zone, minutes, outside support hours?
                Arguments.of(Form.STANDARD, "2026-12-15T22:00:00", "America/New_York", 240, false),
                Arguments.of(Form.STANDARD, "2026-12-12T22:00:00", "America/New_York", 240, true),
                Arguments.of(Form.STANDARD, "2026-12-13T09:00:00", "Europe/Berlin", 60, true),
                Arguments.of(Form.STANDARD, "2026-12-18T22:00:00", "Asia/Tokyo", 240, true),
                Arguments.of(Form.STANDARD, "2026-12-18T20:00:00", "Asia/Tokyo", 240, false),
                Arguments.of(Form.US_FEDERAL, "2026-12-15T09:00:00", "America/Los_Angeles", 120, false),
                Arguments.of(Form.US_FEDERAL, "2026-12-15T22:00:00", "America/New_York", 240, true),
                Arguments.of(Form.US_FEDERAL, "2026-12-15T15:00:00", "America/Los_Angeles", 180, true),
                Arguments.of(Form.US_FEDERAL, "2026-12-12T09:00:00", "America/Los_Angeles", 60, true));
    }

    @ParameterizedTest(name = "{0} {1} {2} for {3} min: outside = {4}")
    @MethodSource("supportHours")
    void a_window_outside_support_hours_is_a_finding(Form form, String start, String zone, int minutes,
                                                     boolean outside) {
        SubmissionBuilder submission = SubmissionBuilder.complete();
        submission.form = form;
        submission.windowStart = start;
        submission.timeZone = zone;
        submission.durationMinutes = minutes;
        submission.rollbackMinutes = 30;
        submission.hops = java.util.List.of("16.3.9", "16.7.10", "16.11.10", "17.3.7");
        submission.currentVersion = "15.11.13";
        submission.wantsReviewCall = false;

        ReviewDecision decision = review(submission);

        if (outside) {
            assertThat(codes(decision)).contains("OUTSIDE_SUPPORT_HOURS");
        } else {
            assertThat(codes(decision)).doesNotContain("OUTSIDE_SUPPORT_HOURS");
        }
    }
}
