package dev.upgradeassist.systemtests.load;

import dev.upgradeassist.systemtests.http.Http;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request bodies for POST /api/v1/upgrade-requests, the portal's JSON. The complete one passes every
 * rule of docs/review-rules.md: acme (Priority Support), 16.11.10 → 17.3.7 through the required stops
 * the review engine reports, full architecture, environment, upgrade and rollback plans, a
 * 240-minute window on a weekday at 10:00 New York time at least {@code leadDays} ahead, tested in staging.
 */
public final class Submissions {

    public static final String FROM = "16.11.10";
    public static final String TO = "17.3.7";
    public static final String TIME_ZONE = "America/New_York";

    private final List<String> hops;
    private final String windowStart;
    private final String mailDomain;

    /**
     * @param requiredStops what {@code GET /api/v1/upgrade-paths?from=16.11.10&to=17.3.7} returns
     * @param today         the date the run starts (New York)
     * @param mailDomain    e.g. {@code load.example}: requester {@code n} is {@code r-<n>@<domain>}
     */
    public Submissions(List<String> requiredStops, LocalDate today, int leadDays, String mailDomain) {
        List<String> plan = new ArrayList<>(requiredStops);
        plan.add(TO);
        this.hops = List.copyOf(plan);
        this.windowStart = weekdayMorning(today.plusDays(leadDays)).toString();
        this.mailDomain = mailDomain;
    }

    /** The first Tuesday–Thursday on or after {@code from}, 10:00: well inside business hours, never a weekend. */
    static LocalDateTime weekdayMorning(LocalDate from) {
        LocalDate day = from;
        while (day.getDayOfWeek() != DayOfWeek.TUESDAY && day.getDayOfWeek() != DayOfWeek.WEDNESDAY
                && day.getDayOfWeek() != DayOfWeek.THURSDAY) {
            day = day.plusDays(1);
        }
        return LocalDateTime.of(day, LocalTime.of(10, 0));
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneId.of(TIME_ZONE));
    }

    public List<String> hops() {
        return hops;
    }

    public String windowStart() {
        return windowStart;
    }

    public String mailbox(String runTag, long n) {
        return "r-" + runTag + "-" + n + "@" + mailDomain;
    }

    /**
     * Requester {@code n}'s address: its own ({@link #mailbox(String, long)}) when {@code own} or when there are no
     * shared mailboxes, else one of {@code shared} addresses that requests share, {@code r-<run>-s<n mod shared>}.
     * GreenMail finds a user's mailbox by a linear search of every user's folder, so one mailbox per request made its
     * cost per email grow with the run (docs/benchmarks/2026-12-05-p22-step13.md); real customers' contacts repeat too.
     */
    public String mailbox(String runTag, long n, boolean own, int shared) {
        if (own || shared <= 0) {
            return mailbox(runTag, n);
        }
        return "r-" + runTag + "-s" + Math.floorMod(n, shared) + "@" + mailDomain;
    }

    public String body(Scenario scenario, String mailbox, long n) {
        ObjectNode body = complete(mailbox, n);
        switch (scenario) {
            case APPROVED -> body.put("wantsReviewCall", false);
            case CALL_WANTED -> body.put("wantsReviewCall", true);
            case MISSING_INFO -> body.remove("rollbackPlan");
            case NOT_ENTITLED -> body.put("organizationId", "initech");
            case OUT_OF_SCOPE -> body.putArray("outOfScopeChanges").add("ADD_GEO");
        }
        return body.toString();
    }

    private ObjectNode complete(String mailbox, long n) {
        ObjectNode body = Http.JSON.createObjectNode();
        body.put("form", "STANDARD");
        body.put("organizationId", "acme");
        body.putObject("requester").put("name", "Load Requester " + n).put("email", mailbox);
        body.put("contactEmail", mailbox);
        body.put("region", switch ((int) (n % 3)) { case 0 -> "AMER"; case 1 -> "EMEA"; default -> "APAC"; });
        body.put("currentVersion", FROM);
        body.put("targetVersion", TO);
        body.put("edition", "EE");

        ObjectNode architecture = body.putObject("architecture");
        architecture.put("installMethod", "LINUX_PACKAGE");
        architecture.put("operatingSystem", "Ubuntu 22.04");
        architecture.put("topology", "MULTI_NODE");
        ArrayNode nodes = architecture.putArray("nodes");
        nodes.addObject().put("name", "app-1").putArray("roles").add("RAILS").add("SIDEKIQ");
        nodes.addObject().put("name", "db-1").putArray("roles").add("POSTGRESQL");
        architecture.putArray("externalServices").add("POSTGRESQL").add("REDIS");
        architecture.putArray("geoSites");
        architecture.put("notes", "Object storage on S3.");

        body.putObject("environment")
                .put("multipleRailsNodes", false).put("usersOver30k", false).put("npmPackages", false)
                .put("largePipelineVariables", false).put("largeCiPipelineMessages", false);

        ObjectNode plan = body.putObject("upgradePlan");
        ArrayNode hopArray = plan.putArray("hops");
        hops.forEach(hopArray::add);
        plan.put("zeroDowntime", false);
        plan.put("waitsForBackgroundMigrations", true);
        plan.putArray("preUpgradeChecks").add("gitlab-rake gitlab:check").add("gitlab-rake gitlab:doctor:secrets");
        plan.putArray("postUpgradeChecks").add("gitlab-rake gitlab:check").add("sign in, clone, push");
        plan.put("usesCustomScripts", false);
        plan.put("document", "https://wiki.acme.example/gitlab/upgrade");

        body.putObject("rollbackPlan")
                .put("backsUpData", true).put("backsUpSecretsAndConfig", true)
                .put("restoreSteps", "Stop all nodes, reinstall gitlab-ee " + FROM + ", restore /etc/gitlab and the backup.")
                .put("downgradesToBackupVersion", true).put("tested", true).put("estimatedMinutes", 90)
                .put("document", "https://wiki.acme.example/gitlab/rollback");

        body.putObject("maintenanceWindow").put("start", windowStart).put("timeZone", TIME_ZONE).put("durationMinutes", 240);
        body.put("testedInStaging", true);
        body.putArray("outOfScopeChanges");
        body.put("wantsReviewCall", false);
        body.put("additionalInfo", "Upgrade rehearsed in staging last week.");
        return body;
    }
}
