package dev.upgradeassist.testsupport;

/**
 * Static bearer tokens integration tests use; {@link InfrastructureTestConfiguration} registers them: the portal
 * ({@code portal}), an engineer acting as {@code alice}, another as {@code bob}, and the operator ({@code operator}).
 * {@link TestJwt} issues JWT access tokens.
 */
public final class TestTokens {

    public static final String PORTAL = "test-portal-token";
    public static final String ENGINEER = "test-engineer-token";
    public static final String OPERATOR = "test-operator-token";
    /** Another engineer: {@link #ENGINEER} acts as alice, this one as bob. */
    public static final String ENGINEER_BOB = "test-engineer-bob";

    private TestTokens() {
    }
}
