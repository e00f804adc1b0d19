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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Markdown runbook of an approved plan: per hop the upgrade command for the install method, the
 * background-migration check before the next hop, the alerts that apply, and the rollback reminder at the end. Pure
 * (no I/O). Customer text (operating system, checks, restore steps, ticket id) is escaped: it never adds Markdown
 * structure (no headings, links, HTML or code blocks of its own), and its line breaks become spaces.
 */
public final class Runbook {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern NUMBER = Pattern.compile("(\\d+)");
    private static final int MAX_TEXT = 500;
    /**
     * Escaped in free text. '.', '-' and ':' are not: free text never starts a line here (where "1." or "-" would
     * start a list), and escaping them would only clutter versions and dates.
     */
    private static final String MARKDOWN_CONTROL = "\\`*_{}[]<>()#+!|~&";
    private static final String BACKGROUND_UI = "Admin area > Monitoring > Background migrations";

    /** What the runbook is written from: the approved revision and the data in force. */
    public record Plan(String requestId, String ticketId, int revision, UpgradeSubmission submission,
                       Instant upgradeStart, int windowMinutes, Integer rollbackMinutes, String approvedBy,
                       List<UpgradeAlert> alerts, String dataVersion) {
    }

    private enum PackageManager { APT, DNF, YUM, ZYPPER, UNKNOWN }

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

        md.append("# Upgrade runbook: ").append(text(plan.ticketId() == null ? plan.requestId() : plan.ticketId()))
                .append(", GitLab ").append(from).append(" → ").append(to).append("\n\n");
        md.append("Request `").append(code(plan.requestId())).append("`, revision ").append(plan.revision())
                .append(", approved by ").append(text(plan.approvedBy())).append(". Upgrade-path data `")
                .append(code(plan.dataVersion())).append("`.\n\n");
        md.append("- Install method: ").append(describe(method, os)).append('\n');
        if (plan.upgradeStart() != null) {
            md.append("- Maintenance window: ").append(UTC.format(plan.upgradeStart()));
            MaintenanceWindow window = s.maintenanceWindow();
            if (window != null && window.start() != null) {
                md.append(" (").append(text(window.start()));
                if (window.timeZone() != null && !window.timeZone().isBlank()) {
                    md.append(' ').append(text(window.timeZone()));
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
        fence(md, backupCommands(method));
        md.append("2. Confirm that no background migration is still running on ").append(from).append(":\n\n");
        backgroundCheck(md, method);
        List<String> preChecks = s.upgradePlan() == null || s.upgradePlan().preUpgradeChecks() == null ? List.of()
                : s.upgradePlan().preUpgradeChecks();
        if (!preChecks.isEmpty()) {
            md.append("3. Your pre-upgrade checks:\n");
            preChecks.stream().filter(c -> c != null && !c.isBlank())
                    .forEach(c -> md.append("   - ").append(text(c)).append('\n'));
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
            upgradeCommand(md, method, os, edition, hop);
            if (!last) {
                md.append("Before hop ").append(i + 2).append(" (").append(hops.get(i + 1))
                        .append("): wait until every background migration is finished.\n\n");
            } else {
                md.append("After the last hop: let the background migrations of ").append(hop)
                        .append(" finish too.\n\n");
            }
            backgroundCheck(md, method);
        }

        md.append("## After the upgrade\n\n");
        List<String> postChecks = s.upgradePlan() == null || s.upgradePlan().postUpgradeChecks() == null ? List.of()
                : s.upgradePlan().postUpgradeChecks();
        if (postChecks.isEmpty()) {
            md.append("- Run `sudo gitlab-rake gitlab:check` and sign in, clone and push.\n");
        } else {
            md.append("Your post-upgrade checks:\n\n");
            postChecks.stream().filter(c -> c != null && !c.isBlank())
                    .forEach(c -> md.append("- ").append(text(c)).append('\n'));
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
            md.append("Your restore steps: ").append(text(rollback.restoreSteps())).append('\n');
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
                .append("): ").append(text(alert.title())).append(". ").append(text(alert.message())).append('\n');
    }

    private static String describe(InstallMethod method, String os) {
        return switch (method) {
            case LINUX_PACKAGE -> "Linux package" + (os == null || os.isBlank() ? "" : " on " + text(os))
                    + switch (packageManager(os)) {
                        case APT -> " (apt)";
                        case DNF -> " (dnf)";
                        case YUM -> " (yum)";
                        case ZYPPER -> " (zypper)";
                        case UNKNOWN -> " (package manager not recognised from the operating system)";
                    };
            case DOCKER -> "Docker";
            case HELM -> "Helm chart (Kubernetes)";
            case SOURCE -> "self-compiled (source)";
        };
    }

    private static List<String> backupCommands(InstallMethod method) {
        return switch (method) {
            case DOCKER -> List.of("docker exec -t <container> gitlab-backup create",
                    "# and copy gitlab-secrets.json and gitlab.rb from the container's /etc/gitlab volume");
            case HELM -> List.of("kubectl exec <toolbox pod> -it -- backup-utility",
                    "# and back up the gitlab-rails-secret secret and your values.yaml");
            case SOURCE -> List.of("sudo -u git -H bundle exec rake gitlab:backup:create RAILS_ENV=production",
                    "# and copy config/secrets.yml and config/gitlab.yml");
            case LINUX_PACKAGE -> List.of("sudo gitlab-backup create",
                    "sudo cp /etc/gitlab/gitlab-secrets.json /etc/gitlab/gitlab.rb /secure/location/");
        };
    }

    private static void upgradeCommand(StringBuilder md, InstallMethod method, String os, String edition,
                                       Version hop) {
        String pkg = "gitlab-" + edition;
        String release = hop + "-" + edition + ".0";
        switch (method) {
            case LINUX_PACKAGE -> {
                PackageManager manager = packageManager(os);
                switch (manager) {
                    case APT -> fence(md, List.of("sudo apt-get update", "sudo apt-get install " + pkg + "=" + release));
                    case DNF, YUM -> {
                        String dist = rpmDist(os);
                        fence(md, List.of("sudo " + manager.name().toLowerCase(Locale.ROOT) + " install " + pkg + "-"
                                + release + "." + dist));
                        if (dist.contains("<")) {
                            md.append("Replace `").append(dist).append("` with your distribution's package suffix")
                                    .append(" (for example `el8` or `el9`).\n\n");
                        }
                    }
                    case ZYPPER -> fence(md, List.of("sudo zypper install " + pkg + "=" + release));
                    case UNKNOWN -> {
                        md.append("The operating system was not recognised; use your package manager with the")
                                .append(" pinned version:\n\n");
                        fence(md, List.of("sudo apt-get install " + pkg + "=" + release + "    # Debian, Ubuntu",
                                "sudo dnf install " + pkg + "-" + release + ".el<N>    # RHEL family"));
                    }
                }
            }
            case DOCKER -> {
                fence(md, List.of("docker pull gitlab/gitlab-" + edition + ":" + release));
                md.append("Recreate the container from `gitlab/gitlab-").append(edition).append(':').append(release)
                        .append("` with the same volumes, ports and environment (Docker Compose: set that `image:`")
                        .append(" and run `docker compose up -d`).\n\n");
            }
            case HELM -> md.append("Upgrade to the GitLab chart version that ships GitLab ").append(hop)
                    .append(" (see GitLab's chart version mappings; do not guess the chart number), with your")
                    .append(" values:\n\n")
                    .append("```bash\nhelm upgrade <release> gitlab/gitlab --version <chart version shipping ")
                    .append(hop).append("> -f values.yaml\n```\n\n");
            case SOURCE -> md.append("Follow GitLab's upgrade guide for self-compiled installations to `v")
                    .append(hop).append('-').append(edition).append("` (check out the tag, update the")
                    .append(" dependencies, migrate the database, restart).\n\n");
        }
    }

    private static void backgroundCheck(StringBuilder md, InstallMethod method) {
        String rake = switch (method) {
            case DOCKER -> "docker exec -t <container> gitlab-rake gitlab:background_migrations:status";
            case HELM -> "kubectl exec <toolbox pod> -it -- gitlab-rake gitlab:background_migrations:status";
            case SOURCE -> "sudo -u git -H bundle exec rake gitlab:background_migrations:status RAILS_ENV=production";
            case LINUX_PACKAGE -> "sudo gitlab-rake gitlab:background_migrations:status";
        };
        fence(md, List.of(rake));
        md.append("Or in GitLab: **").append(BACKGROUND_UI).append("**: every migration must be *Finished*")
                .append(" (on versions without that Rake task, use this page).\n\n");
    }

    private static PackageManager packageManager(String os) {
        if (os == null) {
            return PackageManager.UNKNOWN;
        }
        String o = os.toLowerCase(Locale.ROOT);
        if (o.contains("ubuntu") || o.contains("debian") || o.contains("raspbian")) {
            return PackageManager.APT;
        }
        if (o.contains("suse") || o.contains("sles")) {
            return PackageManager.ZYPPER;
        }
        if (o.contains("amazon")) {
            return o.contains("2023") ? PackageManager.DNF : PackageManager.YUM;
        }
        if (o.contains("rhel") || o.contains("red hat") || o.contains("redhat") || o.contains("centos")
                || o.contains("rocky") || o.contains("alma") || o.contains("oracle") || o.matches(".*\\bel\\d.*")) {
            return rhelMajor(o).filter(m -> m <= 7).isPresent() ? PackageManager.YUM : PackageManager.DNF;
        }
        return PackageManager.UNKNOWN;
    }

    /** The RPM release suffix: {@code el8}, {@code el9}, {@code amazon2}, {@code amazon2023}, or a placeholder. */
    private static String rpmDist(String os) {
        String o = os.toLowerCase(Locale.ROOT);
        if (o.contains("amazon")) {
            return o.contains("2023") ? "amazon2023" : "amazon2";
        }
        return rhelMajor(o).map(m -> "el" + m).orElse("el<N>");
    }

    private static Optional<Integer> rhelMajor(String os) {
        Matcher m = NUMBER.matcher(os);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private static void fence(StringBuilder md, List<String> lines) {
        md.append("```bash\n");
        lines.forEach(l -> md.append(l).append('\n'));
        md.append("```\n\n");
    }

    /** Text inside backticks: no backtick or line break can end the code span. */
    private static String code(String value) {
        return value == null ? "" : value.replaceAll("[`\\r\\n\\p{Cntrl}]", "");
    }

    /**
     * Free text as Markdown text: line breaks and control characters become spaces, Markdown and HTML control
     * characters are backslash-escaped, and it is cut at 500 characters.
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        String flat = value.replaceAll("[\\r\\n\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
        if (flat.length() > MAX_TEXT) {
            flat = flat.substring(0, MAX_TEXT) + "…";
        }
        StringBuilder out = new StringBuilder(flat.length() + 16);
        for (char c : flat.toCharArray()) {
            if (MARKDOWN_CONTROL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
