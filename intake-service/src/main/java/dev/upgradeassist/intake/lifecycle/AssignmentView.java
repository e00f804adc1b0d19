package dev.upgradeassist.intake.lifecycle;

import java.util.List;

/** The ticket after an assignment: who owns it and who is CC'd. */
record AssignmentView(String id, String ticketId, String assignee, List<String> ccs) {
}
