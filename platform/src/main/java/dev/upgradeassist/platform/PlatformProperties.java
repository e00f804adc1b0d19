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
 * @param tokens        bearer token → {@code ROLE} or {@code ROLE:name} (PORTAL, ENGINEER, OPERATOR), for YAML; dev
 *                      tokens come from the local profile. Environment variables cannot set these (Spring lower-cases
 *                      map keys bound from the environment): use {@code staticTokens}
 * @param staticTokens  bearer tokens as a list, settable from the environment the way a container does:
 *                      {@code UPGRADEASSIST_PLATFORM_STATICTOKENS_0_TOKEN} (Spring drops the dash of {@code upgrade-assist}), {@code ..._0_ROLE}, {@code ..._0_NAME}
 * @param jwt           OAuth2 JWT access tokens from an OpenID Connect provider
 * @param devEngineers  the roster engineers with a {@code dev-engineer-<name>} token in the local profile
 * @param publicPaths   extra paths this service serves without a token (ant patterns)
 * @param customerPage  the secret that signs the customers' request page links ({@code /r/<token>}); intake-service
 *                      and notification-service need the same one, {@code UPGRADEASSIST_PLATFORM_CUSTOMERPAGE_SECRET};
 *                      the {@code local} and {@code seed} profiles have a dev secret
 */
@ConfigurationProperties("upgrade-assist.platform")
public record PlatformProperties(
        @DefaultValue("") String produces,
        @DefaultValue List<String> consumes,
        @DefaultValue("3") int partitions,
        @DefaultValue Outbox outbox,
        @DefaultValue Retry retry,
        @DefaultValue Map<String, String> tokens,
        @DefaultValue List<StaticToken> staticTokens,
        @DefaultValue Jwt jwt,
        @DefaultValue({"alice", "bob", "chandra", "dmitri"}) List<String> devEngineers,
        @DefaultValue List<String> publicPaths,
        @DefaultValue CustomerPage customerPage) {

    /** The customers' request page links: see {@link dev.upgradeassist.platform.links.CustomerPageTokens}. */
    public record CustomerPage(String secret) {
    }

    /** A static bearer token for a machine client (or a person), its role and the name its actions are recorded with. */
    public record StaticToken(String token, String role, String name) {
    }

    /**
     * JWT access tokens: {@code issuerUri} (the provider's discovery document gives the keys; the {@code iss} claim
     * must match) or {@code jwkSetUri} (the keys directly); roles from the claim {@code rolesClaim} (an array of
     * PORTAL, ENGINEER, OPERATOR), the user from {@code preferred_username}, else {@code sub}.
     */
    public record Jwt(String issuerUri, String jwkSetUri, @DefaultValue("roles") String rolesClaim) {

        public boolean configured() {
            return (issuerUri != null && !issuerUri.isBlank()) || (jwkSetUri != null && !jwkSetUri.isBlank());
        }
    }

    /**
     * The outbox relay: {@code linger} is how long a round waits after the first write that woke it, so that the
     * writes of that time are published, and removed from their documents, together (0: at once; docs/adr/0030).
     */
    public record Outbox(
            @DefaultValue("2s") Duration pollInterval,
            @DefaultValue("60s") Duration maxPendingAge,
            @DefaultValue("10s") Duration sendTimeout,
            @DefaultValue List<String> collections,
            @DefaultValue("32768") int rememberAcknowledged,
            @DefaultValue("25ms") Duration linger) {
    }

    /**
     * A failing record is retried {@code maxRetries} times, then dead-lettered; but while MongoDB or the broker is
     * unreachable (an outage, not the record's fault) it is retried without end, from {@code outageInitialInterval}
     * up to {@code outageMaxInterval} apart, and waits instead of going to the DLT.
     */
    public record Retry(
            @DefaultValue("200ms") Duration initialInterval,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("2s") Duration maxInterval,
            @DefaultValue("3") int maxRetries,
            @DefaultValue("1s") Duration outageInitialInterval,
            @DefaultValue("30s") Duration outageMaxInterval) {
    }
}
