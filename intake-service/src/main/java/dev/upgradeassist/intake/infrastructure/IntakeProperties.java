package dev.upgradeassist.intake.infrastructure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * intake-service settings ({@code upgrade-assist.intake.*}).
 *
 * @param ticketPrefix  prefix of the support ticket ids, e.g. {@code UA-}
 * @param maxPageSize   the largest page the engineers' queue serves
 * @param organizations the organization directory entries seeded at startup (inserted when absent,
 *                      never overwriting what an operator has since changed)
 */
@ConfigurationProperties("upgrade-assist.intake")
public record IntakeProperties(
        @DefaultValue("UA-") String ticketPrefix,
        @DefaultValue("100") int maxPageSize,
        @DefaultValue List<SeedOrganization> organizations,
        @DefaultValue("5s") Duration organizationCacheTtl) {

    public record SeedOrganization(String id, String name, boolean prioritySupport, SeedTam tam) {
    }

    public record SeedTam(String name, String email) {
    }
}
