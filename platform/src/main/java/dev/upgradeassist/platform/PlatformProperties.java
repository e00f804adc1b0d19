package dev.upgradeassist.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What each service tells the platform about itself ({@code upgrade-assist.platform.*}).
 *
 * @param produces      the one topic this service publishes to (its own), or empty
 * @param consumes      the topics this service listens to; their DLTs are declared for it
 * @param partitions    partitions per declared topic
 * @param outbox        relay settings; {@code remember-acknowledged} is how many acknowledged event ids the relay
 *                      keeps, so that an outbox snapshot written just before their removal does not publish them again
 * @param retry         listener retry back-off before a record goes to the DLT
 * @param tokens        bearer token → role (PORTAL, ENGINEER, OPERATOR); dev tokens come from the local profile
 * @param publicPaths   extra paths this service serves without a token (ant patterns)
 */
@ConfigurationProperties("upgrade-assist.platform")
public record PlatformProperties(
        @DefaultValue("") String produces,
        @DefaultValue List<String> consumes,
        @DefaultValue("3") int partitions,
        @DefaultValue Outbox outbox,
        @DefaultValue Retry retry,
        @DefaultValue Map<String, String> tokens,
        @DefaultValue List<String> publicPaths) {

    public record Outbox(
            @DefaultValue("2s") Duration pollInterval,
            @DefaultValue("60s") Duration maxPendingAge,
            @DefaultValue("10s") Duration sendTimeout,
            @DefaultValue List<String> collections,
            @DefaultValue("32768") int rememberAcknowledged) {
    }

    public record Retry(
            @DefaultValue("200ms") Duration initialInterval,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("2s") Duration maxInterval,
            @DefaultValue("3") int maxRetries) {
    }
}
