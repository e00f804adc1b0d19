package dev.upgradeassist.contracts.model;

/**
 * Who hears about a request: carried on every customer-facing event so that notification never
 * has to guess an address or wait for another topic. {@code tamEmail} is null when the
 * organization has no TAM.
 */
public record CustomerContact(
        String ticketId,
        String requesterName,
        String requesterEmail,
        String contactEmail,
        String tamEmail,
        String timeZone) {
}
