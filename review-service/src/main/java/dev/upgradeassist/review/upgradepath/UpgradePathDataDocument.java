package dev.upgradeassist.review.upgradepath;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One accepted version of the upgrade-path data, as an operator sent it. The newest
 * ({@code acceptedAt}, then {@code sequence}) is in force on every review instance.
 */
@Document("upgrade_path_data")
record UpgradePathDataDocument(@Id String version, String yaml, Instant acceptedAt, long sequence,
                               String acceptedBy, int stops) {
}
