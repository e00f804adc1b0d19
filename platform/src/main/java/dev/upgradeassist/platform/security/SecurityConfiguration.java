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

    @Bean
    TokenRegistry tokenRegistry(PlatformProperties properties, Environment environment) {
        Map<String, Role> tokens = new LinkedHashMap<>();
        if (environment.acceptsProfiles(Profiles.of("local"))) {
            tokens.putAll(TokenRegistry.DEV_TOKENS);
        }
        properties.tokens().forEach((token, role) -> tokens.put(token, Role.valueOf(role.toUpperCase(Locale.ROOT))));
        return new TokenRegistry(tokens);
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
                .addFilterBefore(new BearerTokenFilter(registry, problems), AnonymousAuthenticationFilter.class)
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
