package dev.upgradeassist.review.runbook;

import dev.upgradeassist.contracts.model.Architecture;
import dev.upgradeassist.contracts.model.Edition;
import dev.upgradeassist.contracts.model.InstallMethod;
import dev.upgradeassist.contracts.model.MaintenanceWindow;
import dev.upgradeassist.contracts.model.RollbackPlan;
import dev.upgradeassist.contracts.model.Topology;
import dev.upgradeassist.contracts.model.UpgradePlan;
import dev.upgradeassist.contracts.model.UpgradeSubmission;
import dev.upgradeassist.review.upgradepath.UpgradeAlert;
import dev.upgradeassist.review.upgradepath.Version;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Markdown runbook of an approved plan: per hop the upgrade command for the install method, the
 * background-migration check before the next hop, the alerts that apply, and the rollback reminder at the end. Pure
 * (no I/O). Customer text (operating system, checks, restore steps, ticket id) is escaped: it never adds Markdown
 * structure (no headings, links, HTML or code blocks of its own), and its line breaks become spaces.
 */
public final class Runbook {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** What the runbook is written from: the approved revision and the data in force. */
    public record Plan(String requestId, String ticketId, int revision, UpgradeSubmission submission,
                       Instant upgradeStart, int windowMinutes, Integer rollbackMinutes, String approvedBy,
                       List<UpgradeAlert> alerts, String dataVersion) {
    }

    private Runbook() {
    }

    public static String render(Plan plan) {
        UpgradeSubmission s = plan.submission();
        Version from = Version.parse(s.currentVersion());
        Version to = Version.parse(s.targetVersion());
        List<Version> hops = hops(s.upgradePlan(), to);
        Architecture architecture = s.architecture();
        InstallMethod method = architecture == null || architecture.installMethod() == null
                ? InstallMethod.LINUX_PACKAGE : architecture.installMethod();
        String os = architecture == null ? null : architecture.operatingSystem();
        String edition = s.edition() == Edition.CE ? "ce" : "ee";
        StringBuilder md = new StringBuilder();

        md.append("# Upgrade runbook: ").append(RunbookMarkdown.text(plan.ticketId() == null ? plan.requestId() : plan.ticketId()))
                .append(", GitLab ").append(from).append(" → ").append(to).append("\n\n");
        md.append("Request `").append(RunbookMarkdown.code(plan.requestId())).append("`, revision ").append(plan.revision())
                .append(", approved by ").append(RunbookMarkdown.text(plan.approvedBy())).append(". Upgrade-path data `")
                .append(RunbookMarkdown.code(plan.dataVersion())).append("`.\n\n");
        md.append("- Install method: ").append(InstallMethodCommands.describe(method, os)).append('\n');
        if (plan.upgradeStart() != null) {
            md.append("- Maintenance window: ").append(UTC.format(plan.upgradeStart()));
            MaintenanceWindow window = s.maintenanceWindow();
            if (window != null && window.start() != null) {
                md.append(" (").append(RunbookMarkdown.text(window.start()));
                if (window.timeZone() != null && !window.timeZone().isBlank()) {
                    md.append(' ').append(RunbookMarkdown.text(window.timeZone()));
                }
                md.append(')');
            }
            md.append(", ").append(plan.windowMinutes()).append(" minutes\n");
        }
        md.append("- Hops: ").append(String.join(" → ", hops.stream().map(Version::toString).toList()))
                .append(" (").append(hops.size()).append(hops.size() == 1 ? " hop" : " hops").append(")\n");
        if (architecture != null && architecture.topology() != null && architecture.topology() != Topology.SINGLE_NODE) {
            md.append("- Several nodes: upgrade them in GitLab's documented order for a multi-node installation at")
                    .append(" every hop.\n");
        }
        md.append('\n');

        Map<UpgradeAlert, Integer> alertHop = placeAlerts(plan.alerts(), from, hops);

        md.append("## Before you start\n\n");
        md.append("1. Take a full backup and keep the configuration and secrets beside it (the rollback restores")
                .append(" them):\n\n");
        RunbookMarkdown.fence(md, InstallMethodCommands.backupCommands(method));
        md.append("2. Confirm that no background migration is still running on ").append(from).append(":\n\n");
        InstallMethodCommands.backgroundCheck(md, method);
        List<String> preChecks = s.upgradePlan() == null || s.upgradePlan().preUpgradeChecks() == null ? List.of()
                : s.upgradePlan().preUpgradeChecks();
        if (!preChecks.isEmpty()) {
            md.append("3. Your pre-upgrade checks:\n");
            preChecks.stream().filter(c -> c != null && !c.isBlank())
                    .forEach(c -> md.append("   - ").append(RunbookMarkdown.text(c)).append('\n'));
            md.append('\n');
        }
        List<UpgradeAlert> before = alertHop.entrySet().stream().filter(e -> e.getValue() < 0).map(Map.Entry::getKey)
                .toList();
        if (!before.isEmpty()) {
            md.append("Read before the upgrade:\n\n");
            before.forEach(a -> alert(md, a));
            md.append('\n');
        }

        for (int i = 0; i < hops.size(); i++) {
            Version hop = hops.get(i);
            boolean last = i == hops.size() - 1;
            md.append("## Hop ").append(i + 1).append(" of ").append(hops.size()).append(": GitLab ").append(hop)
                    .append("\n\n");
            int index = i;
            List<UpgradeAlert> here = alertHop.entrySet().stream().filter(e -> e.getValue() == index)
                    .map(Map.Entry::getKey).toList();
            if (!here.isEmpty()) {
                md.append("Alerts for this hop:\n\n");
                here.forEach(a -> alert(md, a));
                md.append('\n');
            }
            InstallMethodCommands.upgradeCommand(md, method, os, edition, hop);
            if (!last) {
                md.append("Before hop ").append(i + 2).append(" (").append(hops.get(i + 1))
                        .append("): wait until every background migration is finished.\n\n");
            } else {
                md.append("After the last hop: let the background migrations of ").append(hop)
                        .append(" finish too.\n\n");
            }
            InstallMethodCommands.backgroundCheck(md, method);
        }

        md.append("## After the upgrade\n\n");
        List<String> postChecks = s.upgradePlan() == null || s.upgradePlan().postUpgradeChecks() == null ? List.of()
                : s.upgradePlan().postUpgradeChecks();
        if (postChecks.isEmpty()) {
            md.append("- Run `sudo gitlab-rake gitlab:check` and sign in, clone and push.\n");
        } else {
            md.append("Your post-upgrade checks:\n\n");
            postChecks.stream().filter(c -> c != null && !c.isBlank())
                    .forEach(c -> md.append("- ").append(RunbookMarkdown.text(c)).append('\n'));
        }
        md.append('\n');

        md.append("## If something goes wrong: roll back\n\n");
        RollbackPlan rollback = s.rollbackPlan();
        Integer minutes = plan.rollbackMinutes() != null ? plan.rollbackMinutes()
                : rollback == null ? null : rollback.estimatedMinutes();
        if (minutes != null && minutes > 0) {
            md.append("Your rollback plan estimates ").append(minutes).append(" minutes.");
            if (plan.upgradeStart() != null && plan.windowMinutes() > 0) {
                Instant decideBy = plan.upgradeStart().plus(Duration.ofMinutes(plan.windowMinutes() - minutes));
                md.append(" Decide by ").append(UTC.format(decideBy))
                        .append(" at the latest, so that the rollback ends inside the window.");
            }
            md.append("\n\n");
        }
        md.append("Restore GitLab ").append(from).append(" from the backup taken before the first hop: reinstall ")
                .append(from).append(", restore the configuration and secrets, then the backup (")
                .append("`gitlab-backup restore BACKUP=<backup id>`). Do not restore onto a newer version.\n\n");
        if (rollback != null && rollback.restoreSteps() != null && !rollback.restoreSteps().isBlank()) {
            md.append("Your restore steps: ").append(RunbookMarkdown.text(rollback.restoreSteps())).append('\n');
        }
        return md.toString();
    }

    private static List<Version> hops(UpgradePlan plan, Version to) {
        List<Version> hops = new ArrayList<>();
        if (plan != null && plan.hops() != null) {
            plan.hops().forEach(h -> Version.tryParse(h).ifPresent(hops::add));
        }
        return hops.isEmpty() ? List.of(to) : hops;
    }

    /** -1: read before starting (preupgrade, or nowhere else); otherwise the first hop whose step it overlaps. */
    private static Map<UpgradeAlert, Integer> placeAlerts(List<UpgradeAlert> alerts, Version from, List<Version> hops) {
        Map<UpgradeAlert, Integer> placed = new LinkedHashMap<>();
        for (UpgradeAlert alert : alerts == null ? List.<UpgradeAlert>of() : alerts) {
            int at = -1;
            if (!"preupgrade".equalsIgnoreCase(alert.checkWhen())) {
                Version previous = from;
                for (int i = 0; i < hops.size(); i++) {
                    if (!alert.start().isAfter(hops.get(i)) && !alert.end().isBefore(previous)) {
                        at = i;
                        break;
                    }
                    previous = hops.get(i);
                }
            }
            placed.put(alert, at);
        }
        return placed;
    }

    private static void alert(StringBuilder md, UpgradeAlert alert) {
        String when = switch (alert.checkWhen() == null ? "" : alert.checkWhen().toLowerCase(Locale.ROOT)) {
            case "preupgrade" -> "before the upgrade";
            case "postupgrade" -> "after the upgrade";
            default -> "during the upgrade";
        };
        md.append("- **").append(alert.severity() == UpgradeAlert.Severity.ERROR ? "Important" : "Note")
                .append("** (").append(when).append(", ").append(alert.start()).append("–").append(alert.end())
                .append("): ").append(RunbookMarkdown.text(alert.title())).append(". ").append(RunbookMarkdown.text(alert.message())).append('\n');
    }
}
