package dev.upgradeassist.testsupport;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service's API must survive: the requests {@link HostileRequests} generates from its OpenAPI document,
 * sent with each role's token, are answered without a 5xx and every error is problem details with a type. A module
 * runs it with {@code @IntegrationTest class HostileRequestsIT extends HostileRequestsContract {}}. The seed is fixed
 * ({@code -Dhostile.seed=} to explore).
 */
public abstract class HostileRequestsContract {

    private static final long SEED = Long.getLong("hostile.seed", 20261202L);

    @LocalServerPort
    protected int port;

    @Test
    void generated_hostile_requests_get_no_5xx_and_every_error_is_problem_details() throws Exception {
        List<HostileRequests.Probe> probes = new ArrayList<>();
        for (String token : List.of(TestTokens.PORTAL, TestTokens.ENGINEER, TestTokens.OPERATOR)) {
            probes.addAll(HostileRequests.probe(port, token, SEED + token.hashCode(), 8));
        }

        List<String> wrong = probes.stream().filter(probe -> probe.problem() != null)
                .map(probe -> probe.problem() + ": " + probe).toList();
        assertThat(probes).as("probes sent").hasSizeGreaterThan(50);
        assertThat(wrong).as("answers out of " + probes.size()).isEmpty();
    }
}
