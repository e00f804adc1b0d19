package dev.upgradeassist.web.security;

/**
 * The bearer token that carries the signed-in engineer's identity to the services: in the {@code local} profile the
 * services' static {@code dev-engineer-<name>} token, in production the user's own OIDC access token.
 */
public interface ServiceTokens {

    /** The current user's token. @throws IllegalStateException when nobody (or no token) is signed in */
    String current();

    /** The current user's name as the services know it ({@code alice}). */
    String currentUser();
}
