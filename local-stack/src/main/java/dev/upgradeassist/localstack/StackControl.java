package dev.upgradeassist.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code down} (also {@code stop}), {@code status} and {@code wipe}: what the state file names, stopped in order,
 * listed, or its data deleted. {@code up} stops through {@link #stopStack} too (on a failure and on Ctrl-C).
 */
final class StackControl {

    private final Topology topology;
    private final StackDirectory directory;
    private final LauncherConsole console;
    private final Duration stopTimeout;
    private volatile boolean stopping;

    StackControl(Topology topology, StackDirectory directory, LauncherConsole console, Duration stopTimeout) {
        this.topology = topology;
        this.directory = directory;
        this.console = console;
        this.stopTimeout = stopTimeout;
    }

    /** Whether {@link #stopStack} has begun (then {@code up} stops waiting). */
    boolean stopping() {
        return stopping;
    }

    int down() {
        stopStack(directory.aliveFromState());
        return 0;
    }

    /** Services first, then mail and MongoDB, Kafka last; each step SIGTERM, STOP_TIMEOUT, then SIGKILL. */
    void stopStack(List<JavaProcess> processes) {
        stopping = true;
        console.say("Stopping the local stack (services first, infrastructure last)");
        StackDirectory.touch(directory.stoppingMarker());
        List<List<String>> steps = stopSteps();
        for (List<String> step : steps) {
            List<JavaProcess> now = processes.stream().filter(p -> step.contains(p.name()) && p.isAlive()).toList();
            if (!now.isEmpty()) {
                console.say("  stopping " + String.join(" ", now.stream().map(JavaProcess::name).toList()));
                JavaProcess.stopAll(now, stopTimeout,
                        name -> console.warn("  " + name + " did not stop within " + stopTimeout.toSeconds() + "s: SIGKILL"));
            }
        }
        StackDirectory.deleteQuietly(directory.stateFile());
        console.say("Stopped.");
    }

    /** The stop order: every service, then mail and MongoDB, then Kafka. */
    static List<List<String>> stopSteps() {
        return List.of(Arrays.stream(AppService.values()).map(AppService::id).toList(),
                List.of(Infra.MAIL.id(), Infra.MONGO.id()), List.of(Infra.KAFKA.id()));
    }

    int status() {
        Map<String, JavaProcess> alive = new LinkedHashMap<>();
        directory.aliveFromState().forEach(p -> alive.put(p.name(), p));
        for (String name : Topology.allNames()) {
            JavaProcess p = alive.get(name);
            if (p != null) {
                console.out().printf("  %-22s running  pid %-8d %d MB%n", name, p.pid(), Math.max(0, p.rssKib()) / 1024);
            } else {
                console.out().printf("  %-22s stopped%n", name);
            }
        }
        return 0;
    }

    int wipe() {
        List<JavaProcess> alive = directory.aliveFromState();
        if (!alive.isEmpty()) {
            console.fail("The stack is running (" + alive.get(0).name() + "): ./run-local.sh stop first");
            return 1;
        }
        Path dir = topology.dataDir();
        for (Path path : List.of(topology.kafkaDataDir(), topology.mongoDataDir(), topology.logDir(), directory.runDir(),
                dir.resolve("pids"))) {
            StackDirectory.deleteTree(path);
        }
        console.say("Deleted Kafka and MongoDB data and the logs under " + console.relative(dir) + ".");
        return 0;
    }
}
