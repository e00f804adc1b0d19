package dev.upgradeassist.intake.submission;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to a submission (202): {@code {id, ticketId, status, priority}}; an amendment also
 * tells the new {@code revision}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AcceptedView(String id, String ticketId, String status, String priority, Integer revision) {
}
