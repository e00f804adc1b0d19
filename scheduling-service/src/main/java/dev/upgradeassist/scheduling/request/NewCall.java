package dev.upgradeassist.scheduling.request;

/**
 * What the booking service prepared for a call it may book: the aggregate decides whether it does.
 *
 * @param manageUrl the manage page with the raw token, for the emailed event only
 */
public record NewCall(String callId, String manageTokenHash, String manageUrl, String meetingUrl) {
}
