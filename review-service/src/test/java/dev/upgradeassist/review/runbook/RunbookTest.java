package dev.upgradeassist.review.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.contracts.model.InstallMethod;
import dev.upgradeassist.review.fixtures.SubmissionBuilder;
import dev.upgradeassist.review.upgradepath.UpgradeAlert;
import dev.upgradeassist.review.upgradepath.UpgradePathCatalog;
import dev.upgradeassist.review.upgradepath.Version;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Markdown runbook of an approved plan, per install method and operating system, with customer text escaped. */
class RunbookTest {

    private static final UpgradePathCatalog DATA = UpgradePathCatalog.loadDefault();
    /** Tuesday 2026-12-15 22:00 New York = 2026-12-16 03:00 UTC. */
    private static final Instant START = Instant.parse("2026-12-16T03:00:00Z");

    private static String render(SubmissionBuilder s) {
        Version from = Version.parse(s.currentVersion);
        Version to = Version.parse(s.targetVersion);
        List<UpgradeAlert> alerts = DATA.alerts().stream().filter(a -> a.appliesTo(from, to)).toList();
        return Runbook.render(new Runbook.Plan("req-1", "UA-100200", 2, s.build(), START, s.durationMinutes,
                s.rollbackMinutes, "review-service", alerts, DATA.version()));
    }

    @Test
    void a_linux_package_plan_on_ubuntu_pins_each_hop_with_apt_and_checks_migrations_before_the_next() {
        String md = render(SubmissionBuilder.complete());

        assertThat(md).startsWith("# Upgrade runbook: UA-100200, GitLab 15.11.13 → 17.3.7\n");
        assertThat(md).contains("- Install method: Linux package on Ubuntu 22.04 (apt)",
                "- Hops: 16.3.9 → 16.7.10 → 16.11.10 → 17.3.7 (4 hops)",
                "## Hop 1 of 4: GitLab 16.3.9\n", "## Hop 4 of 4: GitLab 17.3.7\n",
                "sudo apt-get update\nsudo apt-get install gitlab-ee=16.3.9-ee.0\n",
                "sudo apt-get install gitlab-ee=17.3.7-ee.0\n",
                "Before hop 2 (16.7.10): wait until every background migration is finished.",
                "Before hop 4 (17.3.7): wait until every background migration is finished.",
                "sudo gitlab-rake gitlab:background_migrations:status",
                "Admin area > Monitoring > Background migrations",
                "sudo gitlab-backup create");
        // the check before every next hop, and once after the last
        assertThat(md.split("Before hop ", -1)).hasSize(4);
        assertThat(md.split("gitlab-rake gitlab:background_migrations:status", -1)).hasSize(6);
        assertThat(md).doesNotContain("dnf", "yum", "docker", "helm");
        // the alerts of the path: preupgrade ones before the start, the others at the first hop they apply to
        String before = md.substring(md.indexOf("## Before you start"), md.indexOf("## Hop 1 of 4"));
        assertThat(before).contains("OS upgrade with glibc 2.28 or later can corrupt PostgreSQL indexes",
                "**Important** (before the upgrade, 16.0.0–16.12.0): Expiring access tokens");
        assertThat(md.split("Expiring access tokens", -1)).hasSize(2);
        // the rollback reminder at the end: the estimate, when to decide, the backup before the first hop
        String rollback = md.substring(md.indexOf("## If something goes wrong: roll back"));
        assertThat(rollback).contains("Your rollback plan estimates 90 minutes.",
                "Decide by 2026-12-16 05:30 UTC at the latest",
                "Restore GitLab 15.11.13 from the backup taken before the first hop",
                "Your restore steps: Stop all nodes, reinstall gitlab\\-ee 15.11.13".replace("\\-", "-"));
        assertThat(md.indexOf("## If something goes wrong")).isGreaterThan(md.indexOf("## Hop 4 of 4"));
    }

    @Test
    void a_linux_package_plan_on_the_rhel_family_pins_each_hop_with_dnf_or_yum_and_the_el_suffix() {
        SubmissionBuilder rhel8 = SubmissionBuilder.complete();
        rhel8.operatingSystem = "Red Hat Enterprise Linux 8.9";
        String md = render(rhel8);
        assertThat(md).contains("Linux package on Red Hat Enterprise Linux 8.9 (dnf)",
                "sudo dnf install gitlab-ee-16.3.9-ee.0.el8\n", "sudo dnf install gitlab-ee-17.3.7-ee.0.el8\n");
        assertThat(md).doesNotContain("apt-get", "yum");

        SubmissionBuilder centos7 = SubmissionBuilder.complete();
        centos7.operatingSystem = "CentOS 7";
        assertThat(render(centos7)).contains("sudo yum install gitlab-ee-16.7.10-ee.0.el7\n");

        SubmissionBuilder rocky = SubmissionBuilder.complete();
        rocky.operatingSystem = "Rocky Linux";
        assertThat(render(rocky)).contains("sudo dnf install gitlab-ee-16.3.9-ee.0.el<N>\n",
                "Replace `el<N>` with your distribution's package suffix");

        SubmissionBuilder ce = SubmissionBuilder.complete();
        ce.edition = dev.upgradeassist.contracts.model.Edition.CE;
        ce.operatingSystem = "AlmaLinux 9";
        assertThat(render(ce)).contains("sudo dnf install gitlab-ce-16.3.9-ce.0.el9\n");
    }

    @Test
    void a_docker_plan_names_the_image_tag_of_each_hop() {
        SubmissionBuilder docker = SubmissionBuilder.complete();
        docker.installMethod = InstallMethod.DOCKER;
        docker.topology = dev.upgradeassist.contracts.model.Topology.SINGLE_NODE;
        String md = render(docker);

        assertThat(md).contains("- Install method: Docker\n", "docker pull gitlab/gitlab-ee:16.3.9-ee.0\n",
                "docker pull gitlab/gitlab-ee:17.3.7-ee.0\n", "Recreate the container from `gitlab/gitlab-ee:16.7.10-ee.0`",
                "docker exec -t <container> gitlab-rake gitlab:background_migrations:status",
                "docker exec -t <container> gitlab-backup create");
        assertThat(md).doesNotContain("apt-get", "dnf", "Several nodes");
    }

    @Test
    void a_helm_plan_says_to_use_the_chart_version_that_ships_each_gitlab_version_without_inventing_one() {
        SubmissionBuilder helm = SubmissionBuilder.complete();
        helm.installMethod = InstallMethod.HELM;
        String md = render(helm);

        assertThat(md).contains("- Install method: Helm chart (Kubernetes)",
                "Upgrade to the GitLab chart version that ships GitLab 16.3.9 (see GitLab's chart version mappings;"
                        + " do not guess the chart number)",
                "helm upgrade <release> gitlab/gitlab --version <chart version shipping 17.3.7> -f values.yaml",
                "kubectl exec <toolbox pod> -it -- gitlab-rake gitlab:background_migrations:status");
        assertThat(md).doesNotContain("apt-get", "docker pull").doesNotContainPattern("--version \\d");
    }

    @Test
    void customer_text_never_adds_markdown_structure() {
        SubmissionBuilder hostile = SubmissionBuilder.complete();
        hostile.operatingSystem = "Ubuntu 22.04\n# Injected heading\n<script>alert(1)</script> [x](http://evil)";
        hostile.preUpgradeChecks = List.of("gitlab-rake gitlab:check\n```\nrm -rf /\n```", "*bold* _it_ | table");
        hostile.restoreSteps = "Restore\n\n## Fake section\n![img](http://evil/x.png)";
        String md = render(hostile);

        assertThat(md).doesNotContain("\n# Injected", "<script>", "](http", "\n## Fake section", "![img]",
                "```\nrm -rf");
        assertThat(md).contains("Ubuntu 22.04 \\# Injected heading \\<script\\>alert\\(1\\)\\</script\\> \\[x\\]\\(http://evil\\)",
                "   - gitlab\\-rake gitlab:check \\`\\`\\` rm \\-rf / \\`\\`\\`".replace("\\-", "-"),
                "\\*bold\\* \\_it\\_ \\| table",
                "Your restore steps: Restore \\#\\# Fake section \\!\\[img\\]\\(http://evil/x.png\\)");
        // still recognised as Ubuntu: the commands are apt's
        assertThat(md).contains("sudo apt-get install gitlab-ee=16.3.9-ee.0");
        // every heading is one of ours
        assertThat(md.lines().filter(l -> l.startsWith("#")).toList()).allSatisfy(l ->
                assertThat(l).matches("# Upgrade runbook: .*|## (Before you start|Hop \\d of \\d: GitLab [\\d.]+|"
                        + "After the upgrade|If something goes wrong: roll back)"));
        assertThat(RunbookMarkdown.text("a".repeat(600))).hasSize(501);
    }
}
