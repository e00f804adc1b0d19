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
 */
@ConfigurationProperties("upgrade-assist.web")
public record WebProperties(
        @DefaultValue("http://localhost:8081") String intakeUrl,
        @DefaultValue("http://localhost:8082") String reviewUrl,
        @DefaultValue("http://localhost:8083") String schedulingUrl,
        @DefaultValue("http://localhost:8084") String notificationUrl,
        @DefaultValue({"alice", "bob", "chandra", "dmitri"}) List<String> engineers,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout) {
}
