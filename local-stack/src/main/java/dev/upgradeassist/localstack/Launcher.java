package dev.upgradeassist.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local stack's command line, behind {@code ./run-local.sh}: starts, watches and stops the processes that
 * {@link Topology} describes on the standard ports, with data, logs and its state file under the data directory
 * ({@code LOCAL_STACK_DIR}, default {@code <repo>/.local-stack}).
 *
 * <p>This class parses the command line and hands each command to the class that does it: {@link StackStartup}
 * ({@code up}), {@link StackControl} ({@code down}, {@code status}, {@code wipe}), {@link KafkaTools}
 * ({@code kafka TOOL}).
 */
public final class Launcher {

    static final String USAGE = """
            Usage: ./run-local.sh [up] [--no-build] [--detach] [--infra-only] [--without NAME[,NAME]] [--keep-going]
                   ./run-local.sh stop|down | status | wipe | kafka TOOL [args]

              up (default)         build, start everything, wait until healthy, stay in the foreground;
                                   Ctrl-C (or SIGTERM) stops everything
              --no-build           the same without the Maven build
              --detach             return once healthy; stop later with ./run-local.sh stop
              --infra-only         Kafka, MongoDB-protocol server and GreenMail only (then run services from an IDE)
              --without NAME       everything but these services (comma-separated or repeated): %s
              --keep-going         keep the rest running when a service does not become healthy
              stop (or down)       stop a stack started from another shell (services first)
              status               what runs, with pids and memory
              wipe                 delete Kafka and MongoDB data and the logs (stack must be stopped)
              kafka TOOL ...       Kafka's own CLI: topics | consumer-groups | console-consumer |
                                   console-producer | get-offsets (bootstrap server added if absent)

            Environment: READY_TIMEOUT (seconds, default 120), STOP_TIMEOUT (seconds per step, default 30),
            LOCAL_STACK_DIR (default <repo>/.local-stack).
            """;

    /** Marks every process the launcher starts: {@code ps -ef | grep upgradeassist.localstack} finds them. */
    static final String MARK = "-Dupgradeassist.localstack=";

    private final LauncherArgs args;
    private final Topology topology;
    private final Duration readyTimeout;
    private final LauncherConsole console;
    private final StackDirectory directory;
    private final StackControl control;

    Launcher(LauncherArgs args, Topology topology, Duration readyTimeout, Duration stopTimeout) {
        this.args = args;
        this.topology = topology;
        this.readyTimeout = readyTimeout;
        this.console = new LauncherConsole(topology.artifacts().repo());
        this.directory = new StackDirectory(topology);
        this.control = new StackControl(topology, directory, console, stopTimeout);
    }

    public static void main(String[] argv) {
        LauncherArgs args;
        try {
            args = LauncherArgs.parse(List.of(argv));
        } catch (IllegalArgumentException e) {
            System.err.printf(USAGE, LauncherArgs.serviceNames());
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Map<String, String> env = System.getenv();
        Path dataDir = Optional.ofNullable(env.get("LOCAL_STACK_DIR")).map(Path::of).orElse(args.repo().resolve(".local-stack"));
        Launcher launcher = new Launcher(args, Topology.local(args.repo(), args.repo().resolve(dataDir)),
                Duration.ofSeconds(seconds(env, "READY_TIMEOUT", 120)), Duration.ofSeconds(seconds(env, "STOP_TIMEOUT", 30)));
        int code;
        try {
            code = launcher.run();
        } catch (RuntimeException e) {
            launcher.console.fail(e.getMessage() == null ? e.toString() : e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    static long seconds(Map<String, String> env, String name, long defaultValue) {
        String value = env.get(name);
        try {
            return value == null || value.isBlank() ? defaultValue : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of seconds, not " + value);
        }
    }

    int run() {
        return switch (args.command()) {
            case UP -> new StackStartup(args, topology, directory, control, console, readyTimeout).up();
            case DOWN -> control.down();
            case STATUS -> control.status();
            case WIPE -> control.wipe();
            case KAFKA -> new KafkaTools(topology.ports(), console).run(args.toolArgs());
            case HELP -> {
                console.out().printf(USAGE, LauncherArgs.serviceNames());
                yield 0;
            }
        };
    }
}
