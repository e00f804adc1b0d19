package dev.upgradeassist.localstack;

import dev.upgradeassist.contracts.Topics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every Spring Boot service of the system, once: its name (module directory, jar name, application name and
 * consumer group), its port on the standard local stack, its MongoDB database and the topics it consumes.
 * run-local.sh (through {@link Launcher}), the system-test harness and the docker-compose check all read this list.
 *
 * <p>A further service is one more entry, as {@link #WEB} ({@code "web", 8085}) is for a module without a database
 * or topics: the launcher then builds its jar path, starts it, waits for its {@code /actuator/health} and prints its
 * URL.
 */
public enum AppService {
    INTAKE("intake-service", 8081, "upgrade-assist-intake", List.of(Topics.INTAKE, Topics.REVIEW, Topics.SCHEDULING), null),
    REVIEW("review-service", 8082, "upgrade-assist-review", List.of(Topics.INTAKE), null),
    SCHEDULING("scheduling-service", 8083, "upgrade-assist-scheduling", List.of(Topics.REVIEW, Topics.INTAKE),
            // the links it hands out point at its own public address
            "upgrade-assist.scheduling.booking-base-url"),
    NOTIFICATION("notification-service", 8084, "upgrade-assist-notification",
            List.of(Topics.INTAKE, Topics.REVIEW, Topics.SCHEDULING), null),
    /** The support console (backend-for-frontend): no database, no topics; it calls the four services' APIs. */
    WEB("web", 8085, null, List.of(), null);

    /** Where every service answers whether it is ready ({@code "status":"UP"}). */
    public static final String HEALTH_PATH = "/actuator/health";

    private final String id;
    private final int port;
    private final String database;
    private final List<String> consumes;
    private final String publicUrlProperty;

    AppService(String id, int port, String database, List<String> consumes, String publicUrlProperty) {
        this.id = id;
        this.port = port;
        this.database = database;
        this.consumes = consumes;
        this.publicUrlProperty = publicUrlProperty;
    }

    /** {@code intake-service}: module directory, jar name, application name, consumer group id. */
    public String id() {
        return id;
    }

    /** Its port on the standard local stack (and in docker-compose.yml). */
    public int port() {
        return port;
    }

    /** Its MongoDB database, if it has one. */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    /** The topics it consumes (its consumer group reads them). */
    public List<String> consumes() {
        return consumes;
    }

    /** The property that carries its own public base URL, if it hands out links to itself. */
    public Optional<String> publicUrlProperty() {
        return Optional.ofNullable(publicUrlProperty);
    }

    /**
     * Its heap on the local stack, the first JVM flag it runs with (so that a {@code -Xmx} among the stack's service
     * flags, such as the system test's {@code --service-jvm}, comes later and wins). Each heap is a few times what the
     * service keeps live under load, measured with GC logs at 50 req/s (docs/adr/0025). Intake keeps 51–71 MB live (the
     * most in a backlog) and gets 256 MB: at 128 MB it collected its old generation every 10–37 s in a backlog. Review and
     * scheduling keep at most 39 MB and notification 49 MB, and get 128 MB: that held them at 247–271 MB of RSS, where
     * 256 MB let the old generation fill with promoted garbage to 290–315 MB. The web module (no Kafka, no database)
     * gets 128 MB as well.
     * <p>
     * Intake's young generation is 32 MB rather than the third of its heap (85 MB) that SerialGC would give it: every
     * page of the young generation is touched within a second under load, so its size is resident, while intake's
     * survivors stay under 1 MB. With it intake collects about three times as often at 50 req/s (docs/adr/0027).
     */
    public List<String> heap() {
        return this == INTAKE ? List.of("-Xmx256m", "-Xmn32m") : List.of("-Xmx128m");
    }

    /** Its JVM flags on a stack whose services share {@code common}: {@link #heap()} first, then those. */
    public List<String> jvmFlags(List<String> common) {
        List<String> flags = new java.util.ArrayList<>(common.size() + 2);
        flags.addAll(heap());
        flags.addAll(common);
        return List.copyOf(flags);
    }

    /** Whether it is part of the event pipeline (consumes topics); the web module is not, it calls the others' APIs. */
    public boolean eventDriven() {
        return !consumes.isEmpty();
    }

    /** The consumer groups that read a topic. */
    public static List<String> groupsReading(String topic) {
        return Arrays.stream(values()).filter(s -> s.consumes.contains(topic)).map(AppService::id).toList();
    }

    public static Optional<AppService> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }
}
