package dev.upgradeassist.review.decision;

import static dev.upgradeassist.review.fixtures.Reviews.codes;
import static dev.upgradeassist.review.fixtures.Reviews.review;
import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Edition;
import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.OutOfScopeChange;
import dev.upgradeassist.review.fixtures.SubmissionBuilder;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Domain §0, §a row 0, §d D1 (scope) and D7 (entitlement). */
class ScopeAndEntitlementTest {

    @Test
    void an_organization_without_priority_support_is_declined() {
        ReviewDecision decision = review(SubmissionBuilder.complete(), SubmissionBuilder.INITECH);

        assertThat(decision).isInstanceOfSatisfying(ReviewDecision.Declined.class, d -> {
            assertThat(d.reason()).isEqualTo(DeclineReason.NOT_ENTITLED);
            assertThat(d.explanation()).contains("Initech", "Priority Support");
        });
    }

    @Test
    void an_unknown_organization_is_declined_as_not_entitled() {
        ReviewDecision decision = review(SubmissionBuilder.complete(), (Organization) null);

        assertThat(((ReviewDecision.Declined) decision).reason()).isEqualTo(DeclineReason.NOT_ENTITLED);
    }

    @Test
    void entitlement_is_decided_before_scope() {
        SubmissionBuilder submission = SubmissionBuilder.complete();
        submission.outOfScopeChanges = List.of(OutOfScopeChange.ADD_GEO);

        ReviewDecision decision = review(submission, SubmissionBuilder.INITECH);

        assertThat(((ReviewDecision.Declined) decision).reason()).isEqualTo(DeclineReason.NOT_ENTITLED);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(OutOfScopeChange.class)
    void a_declared_out_of_scope_change_is_declined_with_the_scope_explained(OutOfScopeChange change) {
        SubmissionBuilder submission = SubmissionBuilder.complete();
        submission.outOfScopeChanges = List.of(change);

        ReviewDecision decision = review(submission);

        assertThat(decision).isInstanceOfSatisfying(ReviewDecision.Declined.class, d -> {
            assertThat(d.reason()).isEqualTo(DeclineReason.OUT_OF_SCOPE);
            assertThat(d.rule().code()).isEqualTo("OUT_OF_SCOPE_CHANGE");
            assertThat(d.explanation()).contains("same installation", "upgrade-only plan");
        });
    }

    @Test
    void a_declined_scope_explanation_names_every_change() {
        SubmissionBuilder submission = SubmissionBuilder.complete();
        submission.outOfScopeChanges = List.of(OutOfScopeChange.EDITION_CHANGE, OutOfScopeChange.ADD_GEO);

        ReviewDecision.Declined decision = (ReviewDecision.Declined) review(submission);

        assertThat(decision.explanation()).contains("an edition change (CE to EE)", "adding Geo");
    }

    static Stream<Arguments> editionChanges() {
        return Stream.of(
                Arguments.of("CE to EE in the versions", (Consumer<SubmissionBuilder>) s -> {
                    s.currentVersion = "15.11.13-ce.0";
                    s.targetVersion = "17.3.7-ee.0";
                    s.edition = null;
                }, true),
                Arguments.of("EE edition with CE versions", (Consumer<SubmissionBuilder>) s -> {
                    s.currentVersion = "15.11.13-ce.0";
                    s.targetVersion = "17.3.7-ce.0";
                    s.edition = Edition.EE;
                }, true),
                Arguments.of("a CE hop in an EE path", (Consumer<SubmissionBuilder>) s -> {
                    s.currentVersion = "15.11.13-ee.0";
                    s.hops = List.of("16.3.9-ce", "16.7.10", "16.11.10", "17.3.7");
                }, true),
                Arguments.of("EE throughout", (Consumer<SubmissionBuilder>) s -> {
                    s.currentVersion = "15.11.13-ee.0";
                    s.targetVersion = "17.3.7-ee.0";
                    s.hops = List.of("16.3.9", "16.7.10", "16.11.10", "17.3.7-ee.0");
                }, false));
    }

    @ParameterizedTest(name = "{0}: declined = {2}")
    @MethodSource("editionChanges")
    void an_edition_change_visible_in_the_versions_is_declined(String name, Consumer<SubmissionBuilder> change,
                                                               boolean declined) {
        SubmissionBuilder submission = SubmissionBuilder.complete();
        change.accept(submission);

        ReviewDecision decision = review(submission);

        if (declined) {
            assertThat(decision).isInstanceOfSatisfying(ReviewDecision.Declined.class, d -> {
                assertThat(d.reason()).isEqualTo(DeclineReason.OUT_OF_SCOPE);
                assertThat(d.rule().code()).isEqualTo("EDITION_CHANGE_DETECTED");
            });
        } else {
            assertThat(decision).as(codes(decision).toString()).isInstanceOf(ReviewDecision.Approved.class);
        }
    }

    static Stream<Arguments> suspiciousText() {
        return Stream.of(
                Arguments.of("We will also convert from CE to EE in the same window.", true),
                Arguments.of("Afterwards we are adding a new Geo secondary in Frankfurt.", true),
                Arguments.of("Then we migrate the instance to the Helm chart.", true),
                Arguments.of("Scale up from 3k to 10k users next month.", true),
                Arguments.of("Finally we move all projects to GitLab.com.", true),
                Arguments.of("The Geo secondary is upgraded after the primary.", false),
                Arguments.of("Helm values are unchanged; EE license stays.", false));
    }

    @ParameterizedTest(name = "\"{0}\" suspected = {1}")
    @MethodSource("suspiciousText")
    void out_of_scope_wording_in_free_text_asks_the_customer_to_remove_it(String text, boolean suspected) {
        SubmissionBuilder submission = SubmissionBuilder.complete();
        submission.additionalInfo = text;

        ReviewDecision decision = review(submission);

        if (suspected) {
            assertThat(decision).isInstanceOfSatisfying(ReviewDecision.InformationMissing.class, d ->
                    assertThat(d.deficiencies()).singleElement().satisfies(def -> {
                        assertThat(def.code()).isEqualTo("SCOPE_CHANGE_SUSPECTED");
                        assertThat(def.hint()).contains("is out of scope", "upgrade-only plan");
                    }));
        } else {
            assertThat(codes(decision)).doesNotContain("SCOPE_CHANGE_SUSPECTED");
        }
    }
}
