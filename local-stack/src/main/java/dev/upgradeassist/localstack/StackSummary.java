package dev.upgradeassist.localstack;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/** The end of {@code up}: what runs where, the dev tokens, how to run the other services from an IDE, logs and data. */
final class StackSummary {

    private final Topology topology;
    private final LauncherConsole console;

    StackSummary(Topology topology, LauncherConsole console) {
        this.topology = topology;
        this.console = console;
    }

    /**
     * The summary printed once {@code up} has waited: {@code failed} names the services that did not come up,
     * {@code elapsed} and {@code infraSeconds} the seconds since the launch, {@code alive} which processes run.
     */
    String summary(List<AppService> services, List<String> failed, String elapsed, String infraSeconds, Predicate<String> alive) {
        StringBuilder s = new StringBuilder("\n");
        if (failed.isEmpty()) {
            s.append("Upgrade Assist local stack is up after ").append(elapsed).append("s (infrastructure ")
                    .append(infraSeconds).append("s).\n");
        } else {
            s.append(console.yellow("Upgrade Assist local stack is PARTLY up after " + elapsed + "s; failed: " + String.join(" ", failed)))
                    .append('\n');
        }
        s.append(urlTable(topology.ports(), services, alive));
        List<AppService> notStarted = Arrays.stream(AppService.values()).filter(a -> !services.contains(a)).toList();
        if (!notStarted.isEmpty()) {
            s.append("Not started; to run one from an IDE, run its module's main class with this environment:\n");
            notStarted.forEach(a -> s.append(String.format("  %-22s %s%n", a.id(), String.join(" ",
                    topology.ideEnvironment(a).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()))));
        }
        s.append("Logs: ").append(console.relative(topology.logDir())).append("/<name>.log   Data: ")
                .append(console.relative(topology.kafkaDataDir())).append(", ").append(console.relative(topology.mongoDataDir()))
                .append('\n');
        return s.toString();
    }

    /** The URL table (pure: tested). Services that were not asked for are left out. */
    static String urlTable(StackPorts ports, List<AppService> services, Predicate<String> alive) {
        StringBuilder s = new StringBuilder();
        for (AppService service : services) {
            if (service == AppService.WEB) {
                s.append(String.format("  %-22s http://localhost:%d/console   (%s; sign in as alice / dev-alice)%n",
                        service.id(), ports.service(service), alive.test(service.id()) ? "UP" : "DOWN"));
                continue;
            }
            s.append(String.format("  %-22s http://localhost:%d   (%s; Swagger UI /swagger-ui.html)%n", service.id(),
                    ports.service(service), alive.test(service.id()) ? "UP" : "DOWN"));
        }
        List<String> databases = Arrays.stream(AppService.values()).flatMap(a -> a.database().stream()).toList();
        String prefix = commonPrefix(databases);
        String dbs = databases.size() == 1 ? databases.get(0)
                : prefix + "<" + String.join("|", databases.stream().map(d -> d.substring(prefix.length())).toList()) + ">";
        s.append(String.format("  %-22s localhost:%d (controller 127.0.0.1:%d)%n", "Kafka (KRaft)", ports.kafka(), ports.kafkaController()));
        s.append(String.format("  %-22s mongodb://localhost:%d/%s%n", "MongoDB protocol", ports.mongo(), dbs));
        s.append(String.format("  %-22s localhost:%d%n", "SMTP sink", ports.smtp()));
        s.append(String.format("  %-22s localhost:%d (user = password = the mailbox address)%n", "IMAP", ports.imap()));
        s.append(String.format("  %-22s http://localhost:%d/api/user/<address>/messages/INBOX%n", "Mail REST API", ports.mailApi()));
        s.append("Dev tokens (Authorization: Bearer <token>):\n");
        s.append("  dev-portal-token       PORTAL\n");
        s.append("  dev-engineer-token     ENGINEER\n");
        s.append("  dev-operator-token     OPERATOR\n");
        return s.toString();
    }

    static String commonPrefix(List<String> values) {
        if (values.isEmpty()) {
            return "";
        }
        String prefix = values.get(0);
        for (String v : values) {
            while (!v.startsWith(prefix)) {
                prefix = prefix.substring(0, prefix.length() - 1);
            }
        }
        return prefix;
    }
}
