package dev.upgradeassist.notification.infrastructure;

import dev.upgradeassist.contracts.model.Region;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Settings of notification-service ({@code upgrade-assist.notification.*}).
 *
 * @param from           the From address of every email (parsed strictly at start-up)
 * @param planGuideUrl   "Before you upgrade" in the GitLab docs, linked from the missing-info email
 * @param upgradePathUrl the Upgrade Path tool, linked from the missing-info email
 * @param webBaseUrl     the web module's base URL (env {@code UPGRADEASSIST_NOTIFICATION_WEBBASEURL}; a trailing slash
 *                       is tolerated): every email to a customer links the customer's request page
 *                       {@code <webBaseUrl>/r/<token>}, Support's emails the console's {@code /console/requests/<id>}
 * @param delivery       the delivery worker that sends what the ledger holds
 * @param retry          bounded back-off for SMTP failures
 * @param engineers      the engineer directory: where a customer's reply goes (the assignee's address, or the
 *                       Upgrade-focus engineers of the request's region). Seeded by the {@code seed} profile (local
 *                       stack, tests); elsewhere configured, e.g. {@code UPGRADEASSIST_NOTIFICATION_ENGINEERS_0_NAME},
 *                       {@code _EMAIL}, {@code _REGION}, {@code _UPGRADEFOCUS}, {@code _TIMEZONE}. Empty is allowed: a customer reply
 *                       then has nobody to go to and is recorded FAILED
 */
@Validated
@ConfigurationProperties("upgrade-assist.notification")
public record NotificationProperties(
        @NotBlank @DefaultValue("upgrade-assist@support.gitlab.example") String from,
        @NotBlank @DefaultValue("https://docs.gitlab.com/update/plan_your_upgrade/") String planGuideUrl,
        @NotBlank @DefaultValue("https://gitlab-com.gitlab.io/support/toolbox/upgrade-path/") String upgradePathUrl,
        @NotBlank @DefaultValue("http://localhost:8085") String webBaseUrl,
        @DefaultValue Delivery delivery,
        @DefaultValue Retry retry,
        @DefaultValue @Valid List<Engineer> engineers) {

    public NotificationProperties {
        engineers = engineers == null ? List.of() : List.copyOf(engineers);
    }

    /**
     * One engineer of the directory.
     *
     * @param name         the engineer's name as the events carry it (a comment's {@code assignee}), matched ignoring case
     * @param email        where their customer replies go
     * @param region       the region whose unassigned requests they cover
     * @param upgradeFocus has an Upgrade / Upgrade Assistance focus: receives the customer replies, SLA breaches and
     *                     on-hold re-checks of unassigned requests of their region
     * @param timeZone     the engineer's time zone (IANA id or UTC offset), optional: times in their emails are shown
     *                     in it as well as in UTC; unknown or invalid: UTC only
     */
    public record Engineer(
            @NotBlank String name,
            @NotBlank String email,
            @NotNull Region region,
            @DefaultValue("false") boolean upgradeFocus,
            String timeZone) {
    }

    /**
     * @param pollInterval how often the worker scans for due entries as a safety net (new entries are claimed by key, retries on a timer)
     * @param lease        how long a claimed entry is hidden from other workers; a crash mid-send retries after it
     * @param batchSize    entries claimed per round
     * @param concurrency  threads sending at once (each new entry is claimed by its key on one of them)
     */
    public record Delivery(
            @DefaultValue("15s") Duration pollInterval,
            @DefaultValue("60s") Duration lease,
            @DefaultValue("100") int batchSize,
            @DefaultValue("12") int concurrency,
            @DefaultValue("2000") int maxQueued) {

        public Delivery {
            if (concurrency < 1) {
                throw new IllegalArgumentException("upgrade-assist.notification.delivery.concurrency must be at least 1");
            }
            if (maxQueued < 0) {
                throw new IllegalArgumentException("upgrade-assist.notification.delivery.max-queued must not be negative");
            }
        }
    }

    /**
     * @param maxAttempts    SMTP attempts before an entry is FAILED (and NotificationFailed published)
     * @param initialBackoff wait after the first failed attempt
     * @param multiplier     growth of the wait per further failure
     * @param maxBackoff     cap of the wait
     */
    public record Retry(
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("60s") Duration maxBackoff) {

        /** The wait after {@code failedAttempts} failures (1-based). */
        public Duration backoffAfter(int failedAttempts) {
            double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
            return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
        }
    }
}
