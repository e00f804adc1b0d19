package dev.upgradeassist.platform.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who made a call: the authenticated user's name (an engineer's name, {@code portal} for the customer portal,
 * {@code operator}, or a JWT's {@code preferred_username}/{@code sub}) and the roles the call carries. Every action
 * is recorded with this name, never with a name from the request body.
 */
public record Caller(String name, java.util.Set<Role> roles) {

    public Caller {
        roles = java.util.Set.copyOf(roles);
    }

    public static Caller of(String name, Role role) {
        return new Caller(name, java.util.Set.of(role));
    }

    /** The caller of an authenticated request, as the security filter recorded it. */
    public static Caller of(Authentication authentication) {
        java.util.Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith("ROLE_")) {
                try {
                    roles.add(Role.valueOf(name.substring(5)));
                } catch (IllegalArgumentException ignored) {
                    // not one of ours
                }
            }
        }
        return new Caller(authentication.getName(), roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
