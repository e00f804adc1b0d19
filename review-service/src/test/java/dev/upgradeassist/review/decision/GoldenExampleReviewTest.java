package dev.upgradeassist.review.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.review.fixtures.Reviews;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The contract's golden RequestReceived example, reviewed when it was received. */
class GoldenExampleReviewTest {

    @Test
    void the_golden_submission_is_reviewed_as_the_catalog_predicts() throws Exception {
        JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        RequestReceived event = json.readValue(Files.readString(
                Path.of("..", "event-contracts", "src", "test", "resources", "golden", "RequestReceived.v1.json")),
                RequestReceived.class);
        Clock atReceipt = Clock.fixed(Instant.parse("2026-12-01T10:15:30Z"), ZoneOffset.UTC);

        ReviewDecision decision = Reviews.policy(atReceipt).review(event.submission(), event.organization(),
                event.revision());

        assertThat(decision).isInstanceOfSatisfying(ReviewDecision.InformationMissing.class, missing -> {
            assertThat(missing.deficiencies()).extracting(Deficiency::code)
                    .containsExactly("UPGRADE_PLAN_GEO_CHECK_MISSING", "ROLLBACK_PLAN_NOT_TESTED");
            assertThat(missing.requiredStops()).containsExactly("16.3.9", "16.7.10", "16.11.10");
            assertThat(Reviews.codes(missing)).contains("GEO_SECONDARY_ORDER", "OUTSIDE_SUPPORT_HOURS",
                    "ROLLBACK_PLAN_GEO_SITES_NOT_COVERED", "ALERT_GLIBC_POSTGRESQL_INDEXES");
        });
    }
}
