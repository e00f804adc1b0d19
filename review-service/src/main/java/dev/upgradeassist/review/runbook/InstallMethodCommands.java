package dev.upgradeassist.review.runbook;

import dev.upgradeassist.contracts.model.InstallMethod;
import dev.upgradeassist.review.upgradepath.Version;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runbook's commands per install method (Linux package by package manager, Docker, Helm, source): the backup,
 * the pinned upgrade to one hop, and the background-migration check. Pure Markdown fragments for {@link Runbook}.
 */
final class InstallMethodCommands {

    private static final Pattern NUMBER = Pattern.compile("(\\d+)");
    private static final String BACKGROUND_UI = "Admin area > Monitoring > Background migrations";

    private enum PackageManager { APT, DNF, YUM, ZYPPER, UNKNOWN }

    private InstallMethodCommands() {
    }

    static String describe(InstallMethod method, String os) {
        return switch (method) {
            case LINUX_PACKAGE -> "Linux package" + (os == null || os.isBlank() ? "" : " on " + RunbookMarkdown.text(os))
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

    static List<String> backupCommands(InstallMethod method) {
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

    static void upgradeCommand(StringBuilder md, InstallMethod method, String os, String edition,
                                       Version hop) {
        String pkg = "gitlab-" + edition;
        String release = hop + "-" + edition + ".0";
        switch (method) {
            case LINUX_PACKAGE -> {
                PackageManager manager = packageManager(os);
                switch (manager) {
                    case APT -> RunbookMarkdown.fence(md, List.of("sudo apt-get update", "sudo apt-get install " + pkg + "=" + release));
                    case DNF, YUM -> {
                        String dist = rpmDist(os);
                        RunbookMarkdown.fence(md, List.of("sudo " + manager.name().toLowerCase(Locale.ROOT) + " install " + pkg + "-"
                                + release + "." + dist));
                        if (dist.contains("<")) {
                            md.append("Replace `").append(dist).append("` with your distribution's package suffix")
                                    .append(" (for example `el8` or `el9`).\n\n");
                        }
                    }
                    case ZYPPER -> RunbookMarkdown.fence(md, List.of("sudo zypper install " + pkg + "=" + release));
                    case UNKNOWN -> {
                        md.append("The operating system was not recognised; use your package manager with the")
                                .append(" pinned version:\n\n");
                        RunbookMarkdown.fence(md, List.of("sudo apt-get install " + pkg + "=" + release + "    # Debian, Ubuntu",
                                "sudo dnf install " + pkg + "-" + release + ".el<N>    # RHEL family"));
                    }
                }
            }
            case DOCKER -> {
                RunbookMarkdown.fence(md, List.of("docker pull gitlab/gitlab-" + edition + ":" + release));
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

    static void backgroundCheck(StringBuilder md, InstallMethod method) {
        String rake = switch (method) {
            case DOCKER -> "docker exec -t <container> gitlab-rake gitlab:background_migrations:status";
            case HELM -> "kubectl exec <toolbox pod> -it -- gitlab-rake gitlab:background_migrations:status";
            case SOURCE -> "sudo -u git -H bundle exec rake gitlab:background_migrations:status RAILS_ENV=production";
            case LINUX_PACKAGE -> "sudo gitlab-rake gitlab:background_migrations:status";
        };
        RunbookMarkdown.fence(md, List.of(rake));
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
}
