package dev.upgradeassist.scheduling.infrastructure;

import dev.upgradeassist.contracts.model.Region;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Everything scheduling-service is configured with ({@code upgrade-assist.scheduling.*}).
 *
 * @param bookingBaseUrl        the public base of the booking page; links are {@code <base>/book/<token>}. Configured,
 *                              never taken from the Host header
 * @param callLength            the review call's length (30 minutes)
 * @param bookingLeadTime       the last bookable slot ends this long before the upgrade starts; the link expires then
 * @param rollbackSafetyMargin  roll back now when the window has less than the rollback estimate plus this left
 * @param sweepInterval         how often expired links are swept (and BookingLinkExpired emitted)
 * @param holdGaugeRefresh      how often the on-hold gauge is recounted from MongoDB (it is also recounted on change)
 * @param engineers             the engineer roster and working hours
 */
@Validated
@ConfigurationProperties("upgrade-assist.scheduling")
public record SchedulingProperties(
        @NotNull URI bookingBaseUrl,
        @DefaultValue("30m") Duration callLength,
        @DefaultValue("2d") Duration bookingLeadTime,
        @DefaultValue("30m") Duration rollbackSafetyMargin,
        @DefaultValue("60s") Duration sweepInterval,
        @DefaultValue("30s") Duration holdGaugeRefresh,
        @NotEmpty @Valid List<EngineerEntry> engineers) {

    /**
     * One engineer of the roster.
     *
     * @param upgradeFocus has an Upgrade / Upgrade Assistance focus: takes review calls of unassigned requests in
     *                     their region
     * @param meetingUrl   their meeting room, put into the call's invitation (null: none)
     * @param daysOff      dates ({@code 2026-12-24}, in their zone) they take no calls
     * @param buffer       kept free before and after each of their calls
     * @param dailyMaximum the most calls they take a day (their zone); null: no maximum
     */
    public record EngineerEntry(
            @NotBlank String name,
            @NotBlank String email,
            @NotNull Region region,
            @NotNull ZoneId timeZone,
            @DefaultValue("09:00") LocalTime workStart,
            @DefaultValue("17:00") LocalTime workEnd,
            @DefaultValue("false") boolean upgradeFocus,
            String meetingUrl,
            @DefaultValue List<String> daysOff,
            @DefaultValue("0m") Duration buffer,
            @jakarta.validation.constraints.Positive Integer dailyMaximum) {
    }

    /** The manage page of a booked call, carrying its token. */
    public String callUrl(String token) {
        String base = bookingBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/calls/" + token;
    }

    /** The booking page URL carrying a token. */
    public String bookingUrl(String token) {
        String base = bookingBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/book/" + token;
    }
}
