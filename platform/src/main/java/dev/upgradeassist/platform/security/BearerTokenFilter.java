package dev.upgradeassist.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Turns {@code Authorization: Bearer <token>} into an authenticated caller with one role. An
 * unknown token is a 401 straight away; no token leaves the request anonymous, and the
 * authorization rules decide.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final TokenRegistry registry;
    private final ProblemSecurityHandlers problems;

    BearerTokenFilter(TokenRegistry registry, ProblemSecurityHandlers problems) {
        this.registry = registry;
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
            var role = registry.roleOf(header.substring(7).trim());
            if (role.isEmpty()) {
                problems.unauthorized(response, "The bearer token is not valid");
                return;
            }
            String principal = role.get().name().toLowerCase(Locale.ROOT);
            var authentication = new UsernamePasswordAuthenticationToken(principal, null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + role.get().name())));
            SecurityContextHolder.getContext().setAuthentication(authentication);
        }
        chain.doFilter(request, response);
    }
}
