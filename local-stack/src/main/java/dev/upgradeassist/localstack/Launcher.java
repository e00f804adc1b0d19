package dev.upgradeassist.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The local stack's command line, behind {@code ./run-local.sh}: starts, watches and stops the processes that
 * {@link Topology} describes on the standard ports, with data, logs and its state file under the data directory
 * ({@code LOCAL_STACK_DIR}, default {@code <repo>/.local-stack}).
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

    static final Map<String, String> KAFKA_TOOLS = Map.of(
            "topics", "org.apache.kafka.tools.TopicCommand",
            "consumer-groups", "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand",
            "console-consumer", "org.apache.kafka.tools.consumer.ConsoleConsumer",
            "console-producer", "org.apache.kafka.tools.ConsoleProducer",
            "get-offsets", "org.apache.kafka.tools.GetOffsetShell");

    private final LauncherArgs args;
    private final Topology topology;
    private final Duration readyTimeout;
    private final Duration stopTimeout;
    private final PrintStream out = System.out;
    private final boolean color = System.console() != null;
    private final Map<String, JavaProcess> running = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> failed = new ArrayList<>();
    private volatile boolean owner;
    private volatile boolean stopping;
    private long t0 = System.nanoTime();
    private String infraSeconds = "0";

    Launcher(LauncherArgs args, Topology topology, Duration readyTimeout, Duration stopTimeout) {
        this.args = args;
        this.topology = topology;
        this.readyTimeout = readyTimeout;
        this.stopTimeout = stopTimeout;
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
            launcher.fail(e.getMessage() == null ? e.toString() : e.getMessage());
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
            case UP -> up();
            case DOWN -> down();
            case STATUS -> status();
            case WIPE -> wipe();
            case KAFKA -> kafka(args.toolArgs());
            case HELP -> {
                out.printf(USAGE, LauncherArgs.serviceNames());
                yield 0;
            }
        };
    }

    // ------------------------------------------------------------------ up

    private int up() {
        mkdirs(topology.logDir(), runDir(), topology.kafkaDataDir(), topology.mongoDataDir());
        if (!refuseIfRunning()) {
            return 1;
        }
        deleteQuietly(stoppingMarker());
        List<AppService> services = args.servicesToStart();
        prepareCds(services);
        t0 = System.nanoTime();
        owner = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (owner) {
                owner = false;
                stopStack(List.copyOf(running.values()));
            }
        }, "local-stack-stop"));
        if (!startInfrastructure()) {
            if (!stopping) {
                fail("The infrastructure did not start.");
            }
            return 1;
        }
        startServices(services);
        if (stopping) {
            return 1;
        }
        out.print(summary(services));
        if (!failed.isEmpty() && !args.keepGoing()) {
            fail("Stopping everything because " + String.join(" ", failed) + " failed (use --keep-going to keep the rest running).");
            return 1;
        }
        if (args.detach()) {
            owner = false;
            say("Detached. Stop with: ./run-local.sh stop");
            return 0;
        }
        return monitor();
    }

    private boolean refuseIfRunning() {
        List<String> alive = aliveFromState().stream().map(JavaProcess::name).toList();
        if (!alive.isEmpty()) {
            fail("A local stack is already running (" + String.join(" ", alive) + "): ./run-local.sh stop");
            return false;
        }
        List<Integer> ports = new ArrayList<>();
        Arrays.stream(Infra.values()).forEach(i -> ports.addAll(topology.ports().of(i)));
        args.servicesToStart().forEach(s -> ports.add(topology.ports().service(s)));
        List<String> busy = ports.stream().sorted(Comparator.naturalOrder()).filter(Probes::portOpen).map(String::valueOf).toList();
        if (!busy.isEmpty()) {
            fail("Ports already in use by another process: " + String.join(" ", busy) + " (ss -ltnp shows which)");
            return false;
        }
        return true;
    }

    /** CDS archives for each built service jar whose archive is missing or older (scripts/cds.sh; once per build). */
    private void prepareCds(List<AppService> services) {
        Artifacts artifacts = topology.artifacts();
        List<Cds.Job> jobs = services.stream()
                .filter(s -> Files.isRegularFile(artifacts.serviceJar(s)))
                .filter(s -> Cds.needed(artifacts.serviceJar(s), artifacts.cdsDir(s)))
                .map(s -> new Cds.Job(artifacts.serviceJar(s), artifacts.cdsDir(s))).toList();
        if (!jobs.isEmpty()) {
            say("Preparing class data sharing archives (once per build; scripts/cds.sh)");
            Cds.prepare(artifacts.repo(), jobs, topology.options().serviceJvm());
        }
    }

    private JavaProcess launch(ProcessSpec spec) {
        JavaProcess process = JavaProcess.start(spec, topology.logFile(spec.name()), topology.artifacts().repo(),
                new JavaProcess.Launch(List.of(MARK + spec.name()), true, true));
        running.put(spec.name(), process);
        synchronized (this) {
            StateFile.read(stateFile()).with(new StateFile.Entry(spec.name(), process.pid(), process.startMillis())).write(stateFile());
        }
        return process;
    }

    private boolean startInfrastructure() {
        StackPorts p = topology.ports();
        say("Starting Kafka (KRaft) :" + p.kafka() + ", MongoDB wire protocol :" + p.mongo() + ", GreenMail SMTP :" + p.smtp()
                + " IMAP :" + p.imap() + " REST :" + p.mailApi());
        Map<Integer, JavaProcess> owners = new LinkedHashMap<>();
        for (ProcessSpec spec : topology.infrastructure()) {
            JavaProcess process = launch(spec);
            spec.readyPorts().forEach(port -> owners.put(port, process));
        }
        long deadline = t0 + readyTimeout.toNanos();
        List<Integer> pending = new ArrayList<>(owners.keySet());
        while (true) {
            pending.removeIf(Probes::portOpen);
            if (pending.isEmpty()) {
                break;
            }
            if (stopping) {
                return false;
            }
            for (int port : pending) {
                JavaProcess process = owners.get(port);
                if (!process.isAlive()) {
                    fail("FAILED: " + process.name() + " exited before port " + port + " accepted connections");
                    showLogTail(process);
                    return false;
                }
            }
            if (System.nanoTime() >= deadline) {
                fail("FAILED: ports " + join(pending) + " not accepting connections after " + readyTimeout.toSeconds() + "s");
                pending.stream().map(owners::get).distinct().forEach(this::showLogTail);
                return false;
            }
            sleep(200);
        }
        infraSeconds = elapsed();
        say("Infrastructure accepts connections after " + infraSeconds + "s (counted from the launch)");
        return true;
    }

    private void startServices(List<AppService> services) {
        Map<AppService, JavaProcess> started = new LinkedHashMap<>();
        for (AppService service : services) {
            Path jar = topology.artifacts().serviceJar(service);
            if (!Files.isRegularFile(jar)) {
                fail("FAILED: " + service.id() + ": no " + relative(jar) + " (the module has not been built)");
                failed.add(service.id());
            } else if (args.buildFailed() && lastModified(jar) < args.buildStartedMillis()) {
                fail("FAILED: " + service.id() + ": its module did not build (" + relative(jar)
                        + " is older than this build; see " + relative(topology.logFile("build")) + ")");
                failed.add(service.id());
            } else {
                started.put(service, launch(topology.service(service)));
            }
        }
        if (started.isEmpty()) {
            return;
        }
        long deadline = t0 + readyTimeout.toNanos();
        say("Starting " + String.join(" ", started.keySet().stream().map(AppService::id).toList()) + " (waiting up to "
                + Math.max(0, (deadline - System.nanoTime()) / 1_000_000_000) + "s for " + AppService.HEALTH_PATH + " UP)");
        while (!started.isEmpty() && !stopping) {
            for (var it = started.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                AppService service = entry.getKey();
                JavaProcess process = entry.getValue();
                String health = topology.serviceUrl(service) + AppService.HEALTH_PATH;
                if (Probes.healthy(health)) {
                    say("  " + service.id() + " UP on :" + topology.ports().service(service) + " after " + elapsed() + "s");
                } else if (!process.isAlive()) {
                    fail("FAILED: " + service.id() + " exited before it became healthy");
                    showLogTail(process);
                    failed.add(service.id());
                } else if (System.nanoTime() >= deadline) {
                    fail("FAILED: " + service.id() + " not healthy (" + health + ") after " + readyTimeout.toSeconds() + "s");
                    showLogTail(process);
                    failed.add(service.id());
                } else {
                    continue;
                }
                it.remove();
            }
            if (!started.isEmpty()) {
                sleep(500);
            }
        }
    }

    /** The end of {@code up}: what runs where, the dev tokens, where logs and data are. */
    String summary(List<AppService> services) {
        StringBuilder s = new StringBuilder("\n");
        if (failed.isEmpty()) {
            s.append("Upgrade Assist local stack is up after ").append(elapsed()).append("s (infrastructure ")
                    .append(infraSeconds).append("s).\n");
        } else {
            s.append(yellow("Upgrade Assist local stack is PARTLY up after " + elapsed() + "s; failed: " + String.join(" ", failed)))
                    .append('\n');
        }
        s.append(urlTable(topology.ports(), services, name -> Optional.ofNullable(running.get(name)).map(JavaProcess::isAlive).orElse(false)));
        List<AppService> notStarted = Arrays.stream(AppService.values()).filter(a -> !services.contains(a)).toList();
        if (!notStarted.isEmpty()) {
            s.append("Not started; to run one from an IDE, run its module's main class with this environment:\n");
            notStarted.forEach(a -> s.append(String.format("  %-22s %s%n", a.id(), String.join(" ",
                    topology.ideEnvironment(a).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()))));
        }
        s.append("Logs: ").append(relative(topology.logDir())).append("/<name>.log   Data: ").append(relative(topology.kafkaDataDir()))
                .append(", ").append(relative(topology.mongoDataDir())).append('\n');
        return s.toString();
    }

    /** The URL table (pure: tested). Services that were not asked for are left out. */
    static String urlTable(StackPorts ports, List<AppService> services, java.util.function.Predicate<String> alive) {
        StringBuilder s = new StringBuilder();
        for (AppService service : services) {
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

    /** In the foreground until Ctrl-C / SIGTERM (the shutdown hook stops the stack), or until everything was stopped elsewhere. */
    private int monitor() {
        say("Running. Ctrl-C stops everything (or ./run-local.sh stop from another shell).");
        Set<String> reported = new HashSet<>();
        while (true) {
            boolean any = false;
            for (JavaProcess process : List.copyOf(running.values())) {
                if (process.isAlive()) {
                    any = true;
                } else if (!stopping && !Files.exists(stoppingMarker()) && reported.add(process.name())) {
                    warn(process.name() + " exited unexpectedly");
                    showLogTail(process);
                }
            }
            if (!any) {
                owner = false;
                say("Every process has stopped; exiting.");
                return 0;
            }
            sleep(1000);
        }
    }

    // ------------------------------------------------------------------ down, status, wipe, kafka

    private int down() {
        stopStack(aliveFromState());
        return 0;
    }

    /** Services first, then mail and MongoDB, Kafka last; each step SIGTERM, STOP_TIMEOUT, then SIGKILL. */
    private void stopStack(List<JavaProcess> processes) {
        stopping = true;
        say("Stopping the local stack (services first, infrastructure last)");
        touch(stoppingMarker());
        List<List<String>> steps = stopSteps();
        for (List<String> step : steps) {
            List<JavaProcess> now = processes.stream().filter(p -> step.contains(p.name()) && p.isAlive()).toList();
            if (!now.isEmpty()) {
                say("  stopping " + String.join(" ", now.stream().map(JavaProcess::name).toList()));
                JavaProcess.stopAll(now, stopTimeout, name -> warn("  " + name + " did not stop within " + stopTimeout.toSeconds() + "s: SIGKILL"));
            }
        }
        deleteQuietly(stateFile());
        say("Stopped.");
    }

    /** The stop order: every service, then mail and MongoDB, then Kafka. */
    static List<List<String>> stopSteps() {
        return List.of(Arrays.stream(AppService.values()).map(AppService::id).toList(),
                List.of(Infra.MAIL.id(), Infra.MONGO.id()), List.of(Infra.KAFKA.id()));
    }

    private int status() {
        Map<String, JavaProcess> alive = new LinkedHashMap<>();
        aliveFromState().forEach(p -> alive.put(p.name(), p));
        for (String name : Topology.allNames()) {
            JavaProcess p = alive.get(name);
            if (p != null) {
                out.printf("  %-22s running  pid %-8d %d MB%n", name, p.pid(), Math.max(0, p.rssKib()) / 1024);
            } else {
                out.printf("  %-22s stopped%n", name);
            }
        }
        return 0;
    }

    private int wipe() {
        List<JavaProcess> alive = aliveFromState();
        if (!alive.isEmpty()) {
            fail("The stack is running (" + alive.get(0).name() + "): ./run-local.sh stop first");
            return 1;
        }
        Path dir = topology.dataDir();
        for (Path path : List.of(topology.kafkaDataDir(), topology.mongoDataDir(), topology.logDir(), runDir(), dir.resolve("pids"))) {
            deleteTree(path);
        }
        say("Deleted Kafka and MongoDB data and the logs under " + relative(dir) + ".");
        return 0;
    }

    private int kafka(List<String> toolArgs) {
        if (toolArgs.isEmpty() || !KAFKA_TOOLS.containsKey(toolArgs.get(0))) {
            fail("usage: ./run-local.sh kafka topics|consumer-groups|console-consumer|console-producer|get-offsets [args]");
            return 1;
        }
        List<String> rest = kafkaToolArgs(toolArgs.subList(1, toolArgs.size()), topology.ports().kafka());
        try {
            Class.forName(KAFKA_TOOLS.get(toolArgs.get(0))).getMethod("main", String[].class)
                    .invoke(null, (Object) rest.toArray(String[]::new));
            return 0;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(String.valueOf(e.getCause()), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Kafka's tools are not on the classpath: " + e, e);
        }
    }

    /** The tool's arguments with {@code --bootstrap-server localhost:<kafka>} first unless they name one. */
    static List<String> kafkaToolArgs(List<String> args, int kafkaPort) {
        if (args.stream().anyMatch(a -> a.startsWith("--bootstrap-server"))) {
            return args;
        }
        return Stream.concat(Stream.of("--bootstrap-server", "localhost:" + kafkaPort), args.stream()).toList();
    }

    // ------------------------------------------------------------------ helpers

    private Path runDir() {
        return topology.dataDir().resolve("run");
    }

    private Path stateFile() {
        return StateFile.location(topology.dataDir());
    }

    private Path stoppingMarker() {
        return runDir().resolve("stopping");
    }

    /** The processes of the state file that still run (and are ours: same start time, our mark). */
    private List<JavaProcess> aliveFromState() {
        return StateFile.read(stateFile()).entries().stream()
                .flatMap(e -> JavaProcess.adopt(e.name(), e.pid(), e.startMillis(), topology.logFile(e.name())).stream())
                .filter(p -> p.handle().info().arguments().map(a -> List.of(a).contains(MARK + p.name())).orElse(true))
                .toList();
    }

    private void showLogTail(JavaProcess process) {
        Path log = process.log();
        if (Files.isRegularFile(log)) {
            fail("---- end of " + relative(log) + " (stack frames left out) ----");
            System.err.println(LogTail.of(log, 40, true));
            fail("---- full log: " + relative(log) + " ----");
        }
    }

    private String relative(Path path) {
        Path repo = topology.artifacts().repo();
        return path.startsWith(repo) ? repo.relativize(path).toString() : path.toString();
    }

    private String elapsed() {
        long tenths = (System.nanoTime() - t0) / 100_000_000;
        return tenths / 10 + "." + tenths % 10;
    }

    private void say(String line) {
        out.println(line);
    }

    private String yellow(String text) {
        return color ? "\033[33m" + text + "\033[0m" : text;
    }

    private void warn(String line) {
        System.err.println(yellow(line));
    }

    private void fail(String line) {
        System.err.println(color ? "\033[31m" + line + "\033[0m" : line);
    }

    private static String join(List<Integer> ports) {
        return String.join(" ", ports.stream().map(String::valueOf).toList());
    }

    private static long lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void mkdirs(Path... dirs) {
        try {
            for (Path dir : dirs) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + e.getMessage(), e);
        }
    }

    private static void touch(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "");
        } catch (IOException e) {
            // only a hint for a monitoring launcher
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left behind: harmless
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
