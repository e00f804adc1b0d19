package dev.upgradeassist.platform.security;

import dev.upgradeassist.platform.PlatformProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Bearer-token roles for {@code /api/**}; health and Prometheus open; every other actuator
 * endpoint needs OPERATOR. The dev tokens work only with the {@code local} profile.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration {

    /**
     * The static tokens: the dev tokens in the {@code local} profile only, then {@code tokens} (YAML) and {@code
     * static-tokens} (environment). Outside the local profile a service with neither a token nor a JWT issuer refuses
     * to start: it could serve nobody, and would look healthy.
     */
    @Bean
    TokenRegistry tokenRegistry(PlatformProperties properties, Environment environment) {
        Map<String, Caller> tokens = new LinkedHashMap<>();
        if (environment.acceptsProfiles(Profiles.of("local"))) {
            tokens.putAll(TokenRegistry.devTokens(properties.devEngineers()));
        }
        properties.tokens().forEach((token, value) -> tokens.put(token, TokenRegistry.parse(value)));
        for (PlatformProperties.StaticToken configured : properties.staticTokens()) {
            if (configured.token() == null || configured.token().isBlank()) {
                throw new IllegalStateException("upgrade-assist.platform.static-tokens: an entry has no token");
            }
            String value = configured.role() + (configured.name() == null || configured.name().isBlank()
                    ? "" : ":" + configured.name());
            tokens.put(configured.token(), TokenRegistry.parse(value));
        }
        TokenRegistry registry = new TokenRegistry(tokens);
        if (registry.isEmpty() && !properties.jwt().configured()) {
            throw new IllegalStateException("No credentials configured: set upgrade-assist.platform.jwt.issuer-uri (or "
                    + "jwk-set-uri) for an OpenID Connect provider, or static tokens with "
                    + "UPGRADEASSIST_PLATFORM_STATICTOKENS_<n>_TOKEN/_ROLE/_NAME (dev tokens exist only in the local "
                    + "profile)");
        }
        return registry;
    }

    /**
     * JWT access tokens, when an issuer or a key set is configured (else null): signature, expiry and (with an issuer)
     * iss. Not a conditional bean: the settings may come from sources that conditions do not see (a test's registrar).
     */
    static org.springframework.security.oauth2.jwt.JwtDecoder jwtDecoder(PlatformProperties.Jwt jwt) {
        if (!jwt.configured()) {
            return null;
        }
        boolean hasIssuer = jwt.issuerUri() != null && !jwt.issuerUri().isBlank();
        var decoder = jwt.jwkSetUri() != null && !jwt.jwkSetUri().isBlank()
                ? org.springframework.security.oauth2.jwt.NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build()
                : org.springframework.security.oauth2.jwt.NimbusJwtDecoder.withIssuerLocation(jwt.issuerUri()).build();
        decoder.setJwtValidator(hasIssuer
                ? org.springframework.security.oauth2.jwt.JwtValidators.createDefaultWithIssuer(jwt.issuerUri())
                : org.springframework.security.oauth2.jwt.JwtValidators.createDefault());
        return decoder;
    }

    @Bean
    SecurityFilterChain platformSecurityFilterChain(HttpSecurity http, TokenRegistry registry,
                                                    PlatformProperties properties) throws Exception {
        var problems = new ProblemSecurityHandlers();
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BearerTokenFilter(registry, jwtDecoder(properties.jwt()), properties.jwt().rolesClaim(),
                        problems), AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                            .permitAll();
                    requests.requestMatchers("/actuator/**").hasRole(Role.OPERATOR.name());
                    requests.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
                            "/error").permitAll();
                    if (!properties.publicPaths().isEmpty()) {
                        requests.requestMatchers(properties.publicPaths().toArray(String[]::new)).permitAll();
                    }
                    requests.anyRequest().authenticated();
                });
        return http.build();
    }

    /**
     * No Spring Security observations: they wrapped every filter of the chain in an observation of its own, on every
     * request (a sixth of intake's CPU on the submit path, JFR). The HTTP server observation
     * ({@code http_server_requests_seconds}) and the trace of each request stay; they come from Spring MVC.
     */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** No user accounts: only bearer tokens. Stops Boot from generating a default password. */
    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }
}
