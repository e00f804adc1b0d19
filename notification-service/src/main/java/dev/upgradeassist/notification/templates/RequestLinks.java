package dev.upgradeassist.notification.templates;

import dev.upgradeassist.notification.infrastructure.NotificationProperties;
import dev.upgradeassist.platform.links.CustomerPageTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The web module's links of a request that its emails carry: the customer's request page
 * {@code <web base URL>/r/<token>} (and its runbook, {@code …/r/<token>/runbook}) in every email to the customer, the
 * support console's page {@code <web base URL>/console/requests/<request id>} in Support's. The token is derived from
 * the request id ({@link CustomerPageTokens}, under {@code upgrade-assist.platform.customer-page.secret}); it goes into
 * the bodies only, never into a log, a header or an event.
 * <p>
 * A component made at start-up, so that the service refuses to start without the secret (the platform's
 * {@link CustomerPageTokens} bean is lazy; outside the {@code local} and {@code seed} profiles it must be set).
 */
@Component
public class RequestLinks {

    private final CustomerPageTokens tokens;
    private final String base;

    @Autowired
    RequestLinks(CustomerPageTokens tokens, NotificationProperties properties) {
        this(tokens, properties.webBaseUrl());
    }

    /**
     * @param webBaseUrl the web module's base URL, {@code http(s)://host[:port][/path]}; a trailing slash is tolerated
     */
    public RequestLinks(CustomerPageTokens tokens, String webBaseUrl) {
        if (tokens == null) {
            throw new IllegalStateException("the customer page tokens are needed for the customers' request page links");
        }
        this.tokens = tokens;
        this.base = base(webBaseUrl);
    }

    /** The base URL without its trailing slashes; refused (the service does not start) unless an http(s) URL. */
    static String base(String webBaseUrl) {
        String trimmed = webBaseUrl == null ? "" : webBaseUrl.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = URI.create(trimmed);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null) {
                return trimmed;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new IllegalStateException("upgrade-assist.notification.web-base-url (env "
                + "UPGRADEASSIST_NOTIFICATION_WEBBASEURL) must be the web module's http(s) base URL, e.g. "
                + "http://localhost:8085, without query or fragment");
    }

    /** The web module's base URL, without a trailing slash. */
    public String webBaseUrl() {
        return base;
    }

    /** The customer's request page: {@code <base>/r/<token>}. Never to be logged. */
    public String requestPage(String requestId) {
        return base + "/r/" + tokens.tokenFor(requireId(requestId));
    }

    /** The customer's upgrade runbook: {@code <base>/r/<token>/runbook}. Never to be logged. */
    public String runbook(String requestId) {
        return runbookOf(requestPage(requestId));
    }

    /** The runbook of the customer's request page {@code requestPage}. */
    static String runbookOf(String requestPage) {
        return requestPage + "/runbook";
    }

    /** The request in Support's console: {@code <base>/console/requests/<request id>} (the id percent-encoded). */
    public String console(String requestId) {
        return base + "/console/requests/"
                + URLEncoder.encode(requireId(requestId), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String requireId(String requestId) {
        if (requestId == null || requestId.isBlank()) {
            throw new IllegalArgumentException("a request's links need its request id");
        }
        return requestId;
    }

    @Override
    public String toString() {
        return "RequestLinks[" + base + "]";
    }
}
