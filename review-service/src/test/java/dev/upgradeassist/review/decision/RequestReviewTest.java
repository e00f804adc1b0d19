package dev.upgradeassist.review.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.upgradeassist.contracts.model.DeclineReason;
import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.platform.outbox.OutboxMessage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-request aggregate's state machine, without Spring or a database. */
class RequestReviewTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void a_newer_revision_is_decided_and_raises_its_event() {
        RequestReview review = new RequestReview("r1");

        review.decide(infoMissing(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW);
        review.decide(approved(2), "UA-1", Form.STANDARD, Region.AMER, null, "e2", NOW);

        assertThat(review.revision()).isEqualTo(2);
        assertThat(review.status()).isEqualTo(ReviewStatus.APPROVED);
        assertThat(review.pendingEvents()).extracting(OutboxMessage::typeId)
                .containsExactly("InfoMissing.v1", "PlanApproved.v1");
    }

    @Test
    void a_stale_or_repeated_revision_is_not_accepted() {
        RequestReview review = new RequestReview("r1");
        review.decide(approved(2), "UA-1", Form.STANDARD, Region.AMER, null, "e2", NOW);

        assertThat(review.accepts(1)).isFalse();
        assertThat(review.accepts(2)).isFalse();
        assertThat(review.accepts(3)).isTrue();
        assertThatThrownBy(() -> review.decide(infoMissing(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nothing_is_decided_after_a_final_decline() {
        RequestReview review = new RequestReview("r1");
        review.decide(new ReviewDecision.Declined(1, DeclineReason.OUT_OF_SCOPE, null, "scope"), "UA-1",
                Form.STANDARD, Region.AMER, null, "e1", NOW);

        assertThat(review.isClosed()).isTrue();
        assertThat(review.accepts(2)).isFalse();
        assertThatThrownBy(() -> review.declineByEngineer(DeclineReason.ENGINEER_DECLINED, "x", "alice", "e2", NOW))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_postponement_recommendation_can_be_amended() {
        RequestReview review = new RequestReview("r1");
        review.decide(approved(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW);

        boolean changed = review.declineByEngineer(DeclineReason.POSTPONE_RECOMMENDED, "test first", "alice", "e2",
                NOW);

        assertThat(changed).isTrue();
        assertThat(review.isClosed()).isFalse();
        assertThat(review.accepts(2)).isTrue();
        assertThat(review.decidedBy()).isEqualTo("alice");
    }

    @Test
    void the_same_manual_decline_twice_raises_one_event() {
        RequestReview review = new RequestReview("r1");
        review.decide(approved(1), "UA-1", Form.STANDARD, Region.AMER, null, "e1", NOW);

        review.declineByEngineer(DeclineReason.ENGINEER_DECLINED, "no", "alice", "e2", NOW);
        boolean again = review.declineByEngineer(DeclineReason.ENGINEER_DECLINED, "no", "alice", "e3", NOW);

        assertThat(again).isFalse();
        assertThat(review.pendingEvents()).hasSize(2);
    }

    @Test
    void an_engineer_cannot_give_a_final_reason() {
        RequestReview review = new RequestReview("r1");

        assertThatThrownBy(() -> review.declineByEngineer(DeclineReason.NOT_ENTITLED, "x", "alice", "e1", NOW))
                .isInstanceOf(IllegalStateException.class);
    }

    private static ReviewDecision infoMissing(int revision) {
        return new ReviewDecision.InformationMissing(revision, List.of(), List.of(), List.of());
    }

    private static ReviewDecision approved(int revision) {
        return new ReviewDecision.Approved(revision, List.of(), List.of("16.3.9"), true, true, NOW.plusSeconds(864000),
                240, 90);
    }
}
