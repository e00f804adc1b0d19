package dev.upgradeassist.scheduling.request;

import java.time.Instant;

/**
 * What the booking service prepared for a link it may issue: the aggregate decides whether it does.
 *
 * @param url the booking page with the raw token, for the emailed event only
 */
public record NewLink(String linkId, String tokenHash, String url, Instant expiresAt, int callMinutes) {
}
