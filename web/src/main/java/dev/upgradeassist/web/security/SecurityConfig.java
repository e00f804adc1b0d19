package dev.upgradeassist.web.security;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import dev.upgradeassist.web.WebProperties;

/**
 * Who may use the console. Public: the sign-in page, static files, health and metrics. Everything else needs a
 * signed-in engineer. CSRF protection (Spring Security's default) covers every form; sessions time out
 * ({@code server.servlet.session.timeout}); {@code POST /logout} signs out.
 */
@Configuration
public class SecurityConfig {

    static final String[] PUBLIC = {"/css/**", "/favicon.ico", "/actuator/health", "/actuator/health/**",
            "/actuator/prometheus", "/error"};

    /** local: a sign-in page for the roster engineers, {@code <name>} / {@code dev-<name>}. */
    @Configuration
    @Profile("!production")
    static class Local {

        @Bean
        SecurityFilterChain consoleSecurity(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(a -> a.requestMatchers(PUBLIC).permitAll()
                            .requestMatchers("/login").permitAll()
                            .anyRequest().authenticated())
                    .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/console", false).permitAll())
                    .logout(logout -> logout.logoutSuccessUrl("/login?signedOut").deleteCookies("JSESSIONID"))
                    .csrf(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        InMemoryUserDetailsManager rosterEngineers(WebProperties properties) {
            List<UserDetails> users = properties.engineers().stream()
                    .map(name -> User.withUsername(name).password("{noop}dev-" + name).roles("ENGINEER").build())
                    .toList();
            return new InMemoryUserDetailsManager(users);
        }

        /** The services' local static token for the engineer: {@code dev-engineer-<name>} (platform TokenRegistry). */
        @Bean
        ServiceTokens devEngineerTokens() {
            return new ServiceTokens() {
                @Override
                public String current() {
                    return "dev-engineer-" + currentUser();
                }

                @Override
                public String currentUser() {
                    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                    if (auth == null || !auth.isAuthenticated() || auth.getName() == null) {
                        throw new IllegalStateException("nobody is signed in");
                    }
                    return auth.getName();
                }
            };
        }
    }

    /** production: OpenID Connect sign-in (Keycloak realm {@code upgrade-assist}, client {@code upgrade-assist-console}). */
    @Configuration
    @Profile("production")
    static class Production {

        static final String REGISTRATION = "keycloak";

        @Bean
        SecurityFilterChain consoleSecurity(HttpSecurity http, ClientRegistrationRepository registrations)
                throws Exception {
            OidcClientInitiatedLogoutSuccessHandler signedOut = new OidcClientInitiatedLogoutSuccessHandler(registrations);
            signedOut.setPostLogoutRedirectUri("{baseUrl}/console");
            http.authorizeHttpRequests(a -> a.requestMatchers(PUBLIC).permitAll().anyRequest().authenticated())
                    .oauth2Login(Customizer.withDefaults())
                    .logout(logout -> logout.logoutSuccessHandler(signedOut))
                    .csrf(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        OAuth2AuthorizedClientManager authorizedClients(ClientRegistrationRepository registrations,
                org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository authorized) {
            var manager = new org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager(
                    registrations, authorized);
            manager.setAuthorizedClientProvider(org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder
                    .builder().authorizationCode().refreshToken().build());
            return manager;
        }

        /** The user's own access token (refreshed by the manager when it can be), relayed to the services. */
        @Bean
        ServiceTokens accessTokenRelay(OAuth2AuthorizedClientManager clients) {
            return new ServiceTokens() {
                @Override
                public String current() {
                    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                    if (!(auth instanceof OAuth2AuthenticationToken oauth)) {
                        throw new IllegalStateException("not signed in through OpenID Connect");
                    }
                    OAuth2AuthorizedClient client = clients.authorize(OAuth2AuthorizeRequest
                            .withClientRegistrationId(oauth.getAuthorizedClientRegistrationId()).principal(auth)
                            .attribute(jakarta.servlet.http.HttpServletRequest.class.getName(), currentRequest())
                            .attribute(jakarta.servlet.http.HttpServletResponse.class.getName(), currentResponse())
                            .build());
                    if (client == null || client.getAccessToken() == null) {
                        throw new IllegalStateException("no access token");
                    }
                    return client.getAccessToken().getTokenValue();
                }

                @Override
                public String currentUser() {
                    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                    if (auth != null && auth.getPrincipal() instanceof OidcUser user && user.getPreferredUsername() != null) {
                        return user.getPreferredUsername();
                    }
                    if (auth == null) {
                        throw new IllegalStateException("nobody is signed in");
                    }
                    return auth.getName();
                }
            };
        }

        private static jakarta.servlet.http.HttpServletRequest currentRequest() {
            var attrs = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
            return attrs instanceof org.springframework.web.context.request.ServletRequestAttributes s ? s.getRequest() : null;
        }

        private static jakarta.servlet.http.HttpServletResponse currentResponse() {
            var attrs = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
            return attrs instanceof org.springframework.web.context.request.ServletRequestAttributes s ? s.getResponse() : null;
        }
    }
}
