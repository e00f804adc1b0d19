package dev.upgradeassist.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Static bearer tokens and who each one is. Lookups compare every token in constant time. */
public class TokenRegistry {

    /** The roster engineers a local stack has dev tokens for ({@code dev-engineer-<name>}). */
    public static final List<String> DEV_ENGINEERS = List.of("alice", "bob", "chandra", "dmitri");

    private final Map<byte[], Caller> tokens = new LinkedHashMap<>();

    public TokenRegistry(Map<String, Caller> tokens) {
        tokens.forEach((token, caller) -> {
            if (token != null && !token.isBlank()) {
                this.tokens.put(token.getBytes(StandardCharsets.UTF_8), caller);
            }
        });
    }

    /**
     * Accepted only with the {@code local} profile: {@code dev-portal-token} (portal), {@code dev-engineer-token}
     * (alice), {@code dev-operator-token} (operator) and {@code dev-engineer-<name>} per roster engineer.
     */
    public static Map<String, Caller> devTokens(List<String> engineers) {
        Map<String, Caller> dev = new LinkedHashMap<>();
        dev.put("dev-portal-token", Caller.of("portal", Role.PORTAL));
        dev.put("dev-engineer-token", Caller.of("alice", Role.ENGINEER));
        dev.put("dev-operator-token", Caller.of("operator", Role.OPERATOR));
        for (String engineer : engineers) {
            dev.put("dev-engineer-" + engineer, Caller.of(engineer, Role.ENGINEER));
        }
        return dev;
    }

    /**
     * A configured token's caller from its value: {@code ROLE} (the caller is named after the role, as a machine
     * client: {@code portal}, {@code operator}) or {@code ROLE:name}.
     *
     * @throws IllegalArgumentException for an unknown role or an empty name
     */
    public static Caller parse(String value) {
        String text = value == null ? "" : value.trim();
        int colon = text.indexOf(':');
        String role = colon < 0 ? text : text.substring(0, colon).trim();
        Role parsed;
        try {
            parsed = Role.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A token's role must be one of PORTAL, ENGINEER, OPERATOR (ROLE or "
                    + "ROLE:name), was '" + role + "'");
        }
        String name = colon < 0 ? parsed.name().toLowerCase(Locale.ROOT) : text.substring(colon + 1).trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A token's name after 'ROLE:' must not be empty");
        }
        return Caller.of(name, parsed);
    }

    public boolean isEmpty() {
        return tokens.isEmpty();
    }

    public Optional<Caller> callerOf(String token) {
        byte[] candidate = token.getBytes(StandardCharsets.UTF_8);
        Caller found = null;
        for (Map.Entry<byte[], Caller> entry : tokens.entrySet()) {
            if (MessageDigest.isEqual(entry.getKey(), candidate)) {
                found = entry.getValue();
            }
        }
        return Optional.ofNullable(found);
    }
}
