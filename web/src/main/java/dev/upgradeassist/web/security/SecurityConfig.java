package dev.upgradeassist.web.security;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
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
 * Who may use the console. Public: the sign-in page, static files, health and metrics, and the customer's request
 * pages ({@code /r/**}, their own chain: the link's token is the key, the services are called with the PORTAL token).
 * Everything else needs a signed-in engineer. CSRF protection (Spring Security's default) covers every form, the
 * customer's too; sessions time out ({@code server.servlet.session.timeout}); {@code POST /logout} signs out. Every
 * page gets the {@link #CSP Content-Security-Policy}; the customer pages also {@code Referrer-Policy: no-referrer}
 * and {@code Cache-Control: no-store} (the token is in their address). A form post over
 * {@code server.tomcat.max-http-form-post-size} is answered 413 with a page saying so.
 */
@Configuration
public class SecurityConfig {

    static final String[] PUBLIC = {"/css/**", "/js/**", "/favicon.ico", "/actuator/health", "/actuator/health/**",
            "/actuator/prometheus", "/error"};

    /** Every page's Content-Security-Policy: nothing inline, nothing from elsewhere, never framed. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "frame-ancestors 'none'; form-action 'self'";

    /** The customer's request pages: public, CSRF on, not cached, no referrer, a plain 403 page. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain customerPageSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/r", "/r/**")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(Customizer.withDefaults())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .cacheControl(HeadersConfigurer.CacheControlConfig::disable)
                        .addHeaderWriter(new StaticHeadersWriter("Cache-Control", "no-store")))
                .exceptionHandling(e -> e.accessDeniedHandler(SecurityConfig::customerForbidden));
        return http.build();
    }

    /** The console's headers (both profiles): the CSP on every page. */
    static void consoleHeaders(HttpSecurity http) throws Exception {
        consoleHeaders(http, null);
    }

    /**
     * The CSP with {@code formOrigin} also allowed as a form's target: in production the sign-out form's redirect may
     * end at the identity provider's end-session endpoint, which browsers check against {@code form-action}.
     */
    static void consoleHeaders(HttpSecurity http, String formOrigin) throws Exception {
        String policy = formOrigin == null ? CSP : CSP.replace("form-action 'self'", "form-action 'self' " + formOrigin);
        http.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy)));
    }

    /** {@code scheme://host[:port]} of a URL, or null when it has none (or contains what a CSP source may not). */
    static String origin(String url) {
        try {
            java.net.URI uri = java.net.URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null || !uri.getHost().matches("[A-Za-z0-9.-]+")) {
                return null;
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    /** A CSRF-less (or expired-session) customer form post: a plain page, nothing of the request echoed. */
    static void customerForbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        plainPage(response, HttpServletResponse.SC_FORBIDDEN, "This form has expired",
                "The page sent a form without its security token, or from a visit that has ended. Go back, reload "
                        + "the page and send it again. Your request is unchanged.");
    }

    /**
     * Form posts over {@code server.tomcat.max-http-form-post-size}: Tomcat would not read their fields (the CSRF
     * token neither), so they are answered here, before security, with 413 and a page that says why.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> oversizedForms(
            @Value("${server.tomcat.max-http-form-post-size:2MB}") DataSize limit) {
        long max = limit.toBytes();
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String type = request.getContentType();
                if ("POST".equalsIgnoreCase(request.getMethod()) && type != null
                        && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                    boolean tooLarge = max >= 0 && request.getContentLengthLong() > max;
                    if (!tooLarge) {
                        try {
                            request.getParameterMap(); // a chunked body over the limit fails here (Tomcat 11 throws)
                        } catch (RuntimeException e) {
                            tooLarge = true;
                        }
                    }
                    if (tooLarge) {
                        plainPage(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Your message is too long",
                                "The form you sent is larger than " + limit.toKilobytes() + " KB, so it was not read "
                                        + "and nothing was sent. A reply can be up to 20,000 characters. Go back, "
                                        + "shorten it and send it again.");
                        return;
                    }
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/*");
        return registration;
    }

    private static void plainPage(HttpServletResponse response, int status, String title, String text)
            throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · GitLab Upgrade Assist</title>
                <link rel="stylesheet" href="/css/customer.css"></head>
                <body><main id="main"><h1>%s</h1><p>%s</p></main></body></html>
                """.formatted(title, title, text));
    }

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
            consoleHeaders(http);
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
            var keycloak = registrations.findByRegistrationId(REGISTRATION);
            consoleHeaders(http, keycloak == null ? null : origin(keycloak.getProviderDetails().getAuthorizationUri()));
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
