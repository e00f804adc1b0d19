package dev.upgradeassist.review.decision;

import dev.upgradeassist.contracts.EngineerAssigned;
import dev.upgradeassist.contracts.RequestAmended;
import dev.upgradeassist.contracts.RequestClosed;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.contracts.UpgradeOutcomeReported;
import dev.upgradeassist.platform.messaging.EventListenerSupport;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Hears intake's events: every submission and amendment is reviewed; a reported outcome completes the review; a
 * closure closes it (until a newer revision); an assignment is kept for the requests for changes review raises.
 * Other intake events (CommentAdded, ...) are skipped with a counter by the platform.
 */
@Component
@KafkaListener(topics = Topics.INTAKE)
class IntakeEventsListener extends EventListenerSupport {

    private final ReviewService reviews;

    IntakeEventsListener(ReviewService reviews) {
        this.reviews = reviews;
    }

    @KafkaHandler
    void on(RequestReceived event) {
        reviews.review(event);
    }

    @KafkaHandler
    void on(RequestAmended event) {
        reviews.review(event);
    }

    @KafkaHandler
    void on(UpgradeOutcomeReported event) {
        reviews.recordOutcome(event);
    }

    @KafkaHandler
    void on(EngineerAssigned event) {
        reviews.recordAssignment(event);
    }

    @KafkaHandler
    void on(RequestClosed event) {
        reviews.recordClosure(event);
    }
}
