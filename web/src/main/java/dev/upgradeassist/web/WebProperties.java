package dev.upgradeassist.web;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code upgrade-assist.web.*}: where the services answer and who may sign in locally.
 *
 * @param intakeUrl       intake-service's base URL (queue, request view, assignment, comments)
 * @param reviewUrl       review-service's base URL (review view, decisions, upgrade paths)
 * @param schedulingUrl   scheduling-service's base URL (booking links, hand-off; part 2)
 * @param notificationUrl notification-service's base URL (the emails of a request)
 * @param engineers       the roster engineers who sign in locally as {@code <name>} / {@code dev-<name>}
 * @param connectTimeout  how long to wait for a service's connection
 * @param readTimeout     how long to wait for a service's answer
 * @param portalToken     the machine PORTAL bearer token the customer's request page ({@code /r/{token}}) calls the
 *                        services with, never an engineer's: {@code upgrade-assist.web.portal-token}, default
 *                        {@code dev-portal-token} (the services' local-profile PORTAL token); in production set it
 *                        through the environment variable {@code UPGRADEASSIST_WEB_PORTALTOKEN} (blank: the customer
 *                        pages answer 503 and call no service)
 */
@ConfigurationProperties("upgrade-assist.web")
public record WebProperties(
        @DefaultValue("http://localhost:8081") String intakeUrl,
        @DefaultValue("http://localhost:8082") String reviewUrl,
        @DefaultValue("http://localhost:8083") String schedulingUrl,
        @DefaultValue("http://localhost:8084") String notificationUrl,
        @DefaultValue({"alice", "bob", "chandra", "dmitri"}) List<String> engineers,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("dev-portal-token") String portalToken) {

    /** Whether a PORTAL token is configured (the customer pages call nothing without one). */
    public boolean hasPortalToken() {
        return portalToken != null && !portalToken.isBlank();
    }

    /** As the record's, without the PORTAL token's value. */
    @Override
    public String toString() {
        return "WebProperties[intakeUrl=" + intakeUrl + ", reviewUrl=" + reviewUrl + ", schedulingUrl=" + schedulingUrl
                + ", notificationUrl=" + notificationUrl + ", engineers=" + engineers + ", connectTimeout="
                + connectTimeout + ", readTimeout=" + readTimeout + ", portalToken="
                + (hasPortalToken() ? "(set)" : "(not set)") + "]";
    }
}
