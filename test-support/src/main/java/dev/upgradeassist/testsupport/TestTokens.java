package dev.upgradeassist.testsupport;

/** Bearer tokens integration tests use; {@link InfrastructureTestConfiguration} registers them. */
public final class TestTokens {

    public static final String PORTAL = "test-portal-token";
    public static final String ENGINEER = "test-engineer-token";
    public static final String OPERATOR = "test-operator-token";

    private TestTokens() {
    }
}
