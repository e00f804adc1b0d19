package dev.upgradeassist.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns {@code Authorization: Bearer <token>} into an authenticated {@link Caller}: a configured static token, or an
 * OAuth2 JWT access token checked by the configured decoder (signature, expiry, issuer). An invalid token is a 401
 * straight away; no token leaves the request anonymous, and the authorization rules decide. A valid JWT without any
 * of our roles is authenticated but may call nothing that needs a role (403).
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final TokenRegistry registry;
    private final JwtDecoder jwtDecoder;
    private final String rolesClaim;
    private final ProblemSecurityHandlers problems;

    BearerTokenFilter(TokenRegistry registry, JwtDecoder jwtDecoder, String rolesClaim, ProblemSecurityHandlers problems) {
        this.registry = registry;
        this.jwtDecoder = jwtDecoder;
        this.rolesClaim = rolesClaim;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && !header.isBlank()) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                problems.unauthorized(response, "Use an Authorization: Bearer <token> header");
                return;
            }
            String token = header.substring(7).trim();
            Caller caller = registry.callerOf(token).orElseGet(() -> fromJwt(token));
            if (caller == null) {
                problems.unauthorized(response, "The bearer token is not valid");
                return;
            }
            List<SimpleGrantedAuthority> authorities = new ArrayList<>();
            caller.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name())));
            var authentication = UsernamePasswordAuthenticationToken.authenticated(caller.name(), null, authorities);
            SecurityContextHolder.getContext().setAuthentication(authentication);
        }
        chain.doFilter(request, response);
    }

    /** @return the JWT's caller, or null when there is no decoder or the token is not a valid JWT */
    private Caller fromJwt(String token) {
        if (jwtDecoder == null || token.chars().filter(c -> c == '.').count() != 2) {
            return null;
        }
        Jwt jwt;
        try {
            jwt = jwtDecoder.decode(token);
        } catch (JwtException | IllegalArgumentException e) {
            return null;
        }
        String name = jwt.getClaimAsString("preferred_username");
        if (name == null || name.isBlank()) {
            name = jwt.getSubject();
        }
        if (name == null || name.isBlank()) {
            return null;
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Object claim = jwt.getClaims().get(rolesClaim);
        if (claim instanceof java.util.Collection<?> values) {
            for (Object value : values) {
                try {
                    roles.add(Role.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException ignored) {
                    // a role of another application
                }
            }
        }
        return new Caller(name, roles);
    }
}
