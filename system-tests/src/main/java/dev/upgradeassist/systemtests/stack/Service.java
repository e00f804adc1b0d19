package dev.upgradeassist.systemtests.stack;

import dev.upgradeassist.contracts.Topics;

import java.util.List;

/** The four services: name (also consumer group and metrics tag), database and the topics each consumes. */
public enum Service {
    INTAKE("intake-service", List.of(Topics.INTAKE, Topics.REVIEW, Topics.SCHEDULING)),
    REVIEW("review-service", List.of(Topics.INTAKE)),
    SCHEDULING("scheduling-service", List.of(Topics.REVIEW, Topics.INTAKE)),
    NOTIFICATION("notification-service", List.of(Topics.INTAKE, Topics.REVIEW, Topics.SCHEDULING));

    private final String id;
    private final List<String> consumes;

    Service(String id, List<String> consumes) {
        this.id = id;
        this.consumes = consumes;
    }

    /** {@code intake-service}: application name, consumer group id, jar name. */
    public String id() {
        return id;
    }

    public String database() {
        return "upgrade-assist-" + id.substring(0, id.indexOf('-'));
    }

    public List<String> consumes() {
        return consumes;
    }

    /** The consumer groups that read a topic. */
    public static List<String> groupsReading(String topic) {
        return java.util.Arrays.stream(values()).filter(s -> s.consumes.contains(topic)).map(Service::id).toList();
    }
}
