package dev.upgradeassist.systemtests.stack;

import dev.upgradeassist.localstack.AppService;

import java.util.Arrays;
import java.util.List;

/**
 * The services the harness drives, each one an entry of the local stack's topology ({@link AppService}, in
 * local-stack): name (also consumer group and metrics tag), database and the topics it consumes come from there.
 */
public enum Service {
    INTAKE(AppService.INTAKE),
    REVIEW(AppService.REVIEW),
    SCHEDULING(AppService.SCHEDULING),
    NOTIFICATION(AppService.NOTIFICATION);

    private final AppService app;

    Service(AppService app) {
        this.app = app;
    }

    /** The topology's entry. */
    public AppService app() {
        return app;
    }

    /** {@code intake-service}: application name, consumer group id, jar name. */
    public String id() {
        return app.id();
    }

    public String database() {
        return app.database().orElseThrow();
    }

    public List<String> consumes() {
        return app.consumes();
    }

    /** The consumer groups that read a topic. */
    public static List<String> groupsReading(String topic) {
        return Arrays.stream(values()).filter(s -> s.consumes().contains(topic)).map(Service::id).toList();
    }

    public static Service of(AppService app) {
        return Arrays.stream(values()).filter(s -> s.app == app).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the harness does not drive " + app.id()));
    }
}
