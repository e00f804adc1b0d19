package dev.upgradeassist.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Bearer tokens and their roles. Lookups compare every token in constant time. */
public class TokenRegistry {

    /** Accepted only when the {@code local} profile is active. */
    public static final Map<String, Role> DEV_TOKENS = Map.of(
            "dev-portal-token", Role.PORTAL,
            "dev-engineer-token", Role.ENGINEER,
            "dev-operator-token", Role.OPERATOR);

    private final Map<byte[], Role> tokens = new LinkedHashMap<>();

    public TokenRegistry(Map<String, Role> tokens) {
        tokens.forEach((token, role) -> {
            if (token != null && !token.isBlank()) {
                this.tokens.put(token.getBytes(StandardCharsets.UTF_8), role);
            }
        });
    }

    public Optional<Role> roleOf(String token) {
        byte[] candidate = token.getBytes(StandardCharsets.UTF_8);
        Role found = null;
        for (Map.Entry<byte[], Role> entry : tokens.entrySet()) {
            if (MessageDigest.isEqual(entry.getKey(), candidate)) {
                found = entry.getValue();
            }
        }
        return Optional.ofNullable(found);
    }
}
