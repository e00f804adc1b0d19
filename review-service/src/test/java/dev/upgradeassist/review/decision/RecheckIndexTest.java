package dev.upgradeassist.review.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The re-check's index serves its query: the index's keys are the query's first keys, in the same order. */
class RecheckIndexTest {

    @Test
    void the_index_keys_lead_the_recheck_query() {
        List<String> queryKeys = List.copyOf(UpgradePathRecheck.dueQuery("v2", Instant.parse("2026-12-01T10:00:00Z"))
                .getQueryObject().keySet());
        List<String> indexKeys = List.copyOf(RecheckIndex.KEYS.keySet());

        assertThat(indexKeys).containsExactly("status", "approvalTerms.upgradeStart");
        assertThat(queryKeys.subList(0, indexKeys.size())).isEqualTo(indexKeys);
        assertThat(queryKeys).containsExactly("status", "approvalTerms.upgradeStart", "pathDataVersion");
        assertThat(UpgradePathRecheck.dueQuery("v2", Instant.EPOCH).getQueryObject().get("status"))
                .as("equality first: the status the sweep looks for").isEqualTo(ReviewStatus.APPROVED.name());
    }
}
