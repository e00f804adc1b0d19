package dev.upgradeassist.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** production: no sign-in form and no roster passwords; the console sends the browser to the identity provider. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("production")
class ProductionSignInIT {

    @LocalServerPort
    int port;

    @Test
    void the_console_sends_a_stranger_to_OpenID_Connect_with_PKCE() {
        Browser browser = new Browser(port);

        HttpResponse<String> console = browser.get("/console");
        assertThat(console.statusCode()).isEqualTo(302);
        assertThat(console.headers().firstValue("Location").orElseThrow()).endsWith("/oauth2/authorization/keycloak");

        HttpResponse<String> authorize = browser.get("/oauth2/authorization/keycloak");
        assertThat(authorize.headers().firstValue("Location").orElseThrow())
                .startsWith("http://localhost:8180/realms/upgrade-assist/protocol/openid-connect/auth?")
                .contains("client_id=upgrade-assist-console", "code_challenge_method=S256", "scope=openid");
    }

    @Test
    void the_roster_passwords_do_not_sign_in() {
        Browser browser = new Browser(port);

        // Spring Security's own page lists the identity provider; there is no password form
        assertThat(browser.get("/login").body()).doesNotContain("name=\"password\"");
        assertThat(browser.getJson("/actuator/health").body()).contains("\"status\":\"UP\"");
    }
}
