package dev.upgradeassist.localstack;

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

/**
 * {@code up}: refuses a second stack, prepares CDS archives, starts the infrastructure and waits for its ports,
 * starts the services and waits for their health, prints the {@link StackSummary}, then detaches or stays in the
 * foreground until Ctrl-C / SIGTERM (a shutdown hook stops what it started through {@link StackControl}).
 */
final class StackStartup {

    private final LauncherArgs args;
    private final Topology topology;
    private final StackDirectory directory;
    private final StackControl control;
    private final LauncherConsole console;
    private final Duration readyTimeout;
    private final Map<String, JavaProcess> running = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> failed = new ArrayList<>();
    private volatile boolean owner;
    private long t0 = System.nanoTime();
    private String infraSeconds = "0";

    StackStartup(LauncherArgs args, Topology topology, StackDirectory directory, StackControl control, LauncherConsole console,
                 Duration readyTimeout) {
        this.args = args;
        this.topology = topology;
        this.directory = directory;
        this.control = control;
        this.console = console;
        this.readyTimeout = readyTimeout;
    }

    int up() {
        StackDirectory.mkdirs(topology.logDir(), directory.runDir(), topology.kafkaDataDir(), topology.mongoDataDir());
        if (!refuseIfRunning()) {
            return 1;
        }
        StackDirectory.deleteQuietly(directory.stoppingMarker());
        List<AppService> services = args.servicesToStart();
        prepareCds(services);
        t0 = System.nanoTime();
        owner = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (owner) {
                owner = false;
                control.stopStack(List.copyOf(running.values()));
            }
        }, "local-stack-stop"));
        if (!startInfrastructure()) {
            if (!control.stopping()) {
                console.fail("The infrastructure did not start.");
            }
            return 1;
        }
        startServices(services);
        if (control.stopping()) {
            return 1;
        }
        console.out().print(new StackSummary(topology, console).summary(services, failed, elapsed(), infraSeconds,
                name -> Optional.ofNullable(running.get(name)).map(JavaProcess::isAlive).orElse(false)));
        if (!failed.isEmpty() && !args.keepGoing()) {
            console.fail("Stopping everything because " + String.join(" ", failed) + " failed (use --keep-going to keep the rest running).");
            return 1;
        }
        if (args.detach()) {
            owner = false;
            console.say("Detached. Stop with: ./run-local.sh stop");
            return 0;
        }
        return monitor();
    }

    private boolean refuseIfRunning() {
        List<String> alive = directory.aliveFromState().stream().map(JavaProcess::name).toList();
        if (!alive.isEmpty()) {
            console.fail("A local stack is already running (" + String.join(" ", alive) + "): ./run-local.sh stop");
            return false;
        }
        List<Integer> ports = new ArrayList<>();
        Arrays.stream(Infra.values()).forEach(i -> ports.addAll(topology.ports().of(i)));
        args.servicesToStart().forEach(s -> ports.add(topology.ports().service(s)));
        List<String> busy = ports.stream().sorted(Comparator.naturalOrder()).filter(Probes::portOpen).map(String::valueOf).toList();
        if (!busy.isEmpty()) {
            console.fail("Ports already in use by another process: " + String.join(" ", busy) + " (ss -ltnp shows which)");
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
                .map(s -> new Cds.Job(artifacts.serviceJar(s), artifacts.cdsDir(s),
                        s.jvmFlags(topology.options().serviceJvm()))).toList();
        if (!jobs.isEmpty()) {
            console.say("Preparing class data sharing archives (once per build; scripts/cds.sh)");
            Cds.prepare(artifacts.repo(), jobs);
        }
    }

    private JavaProcess launch(ProcessSpec spec) {
        JavaProcess process = JavaProcess.start(spec, topology.logFile(spec.name()), topology.artifacts().repo(),
                new JavaProcess.Launch(List.of(Launcher.MARK + spec.name()), true, true));
        running.put(spec.name(), process);
        directory.record(process);
        return process;
    }

    private boolean startInfrastructure() {
        StackPorts p = topology.ports();
        console.say("Starting Kafka (KRaft) :" + p.kafka() + ", MongoDB wire protocol :" + p.mongo() + ", GreenMail SMTP :" + p.smtp()
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
            if (control.stopping()) {
                return false;
            }
            for (int port : pending) {
                JavaProcess process = owners.get(port);
                if (!process.isAlive()) {
                    console.fail("FAILED: " + process.name() + " exited before port " + port + " accepted connections");
                    console.showLogTail(process);
                    return false;
                }
            }
            if (System.nanoTime() >= deadline) {
                console.fail("FAILED: ports " + join(pending) + " not accepting connections after " + readyTimeout.toSeconds() + "s");
                pending.stream().map(owners::get).distinct().forEach(console::showLogTail);
                return false;
            }
            sleep(200);
        }
        infraSeconds = elapsed();
        console.say("Infrastructure accepts connections after " + infraSeconds + "s (counted from the launch)");
        return true;
    }

    private void startServices(List<AppService> services) {
        Map<AppService, JavaProcess> started = new LinkedHashMap<>();
        for (AppService service : services) {
            Path jar = topology.artifacts().serviceJar(service);
            if (!Files.isRegularFile(jar)) {
                console.fail("FAILED: " + service.id() + ": no " + console.relative(jar) + " (the module has not been built)");
                failed.add(service.id());
            } else if (args.buildFailed() && StackDirectory.lastModified(jar) < args.buildStartedMillis()) {
                console.fail("FAILED: " + service.id() + ": its module did not build (" + console.relative(jar)
                        + " is older than this build; see " + console.relative(topology.logFile("build")) + ")");
                failed.add(service.id());
            } else {
                started.put(service, launch(topology.service(service)));
            }
        }
        if (started.isEmpty()) {
            return;
        }
        long deadline = t0 + readyTimeout.toNanos();
        console.say("Starting " + String.join(" ", started.keySet().stream().map(AppService::id).toList()) + " (waiting up to "
                + Math.max(0, (deadline - System.nanoTime()) / 1_000_000_000) + "s for " + AppService.HEALTH_PATH + " UP)");
        while (!started.isEmpty() && !control.stopping()) {
            for (var it = started.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                AppService service = entry.getKey();
                JavaProcess process = entry.getValue();
                String health = topology.serviceUrl(service) + AppService.HEALTH_PATH;
                if (Probes.healthy(health)) {
                    console.say("  " + service.id() + " UP on :" + topology.ports().service(service) + " after " + elapsed() + "s");
                } else if (!process.isAlive()) {
                    console.fail("FAILED: " + service.id() + " exited before it became healthy");
                    console.showLogTail(process);
                    failed.add(service.id());
                } else if (System.nanoTime() >= deadline) {
                    console.fail("FAILED: " + service.id() + " not healthy (" + health + ") after " + readyTimeout.toSeconds() + "s");
                    console.showLogTail(process);
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

    /** In the foreground until Ctrl-C / SIGTERM (the shutdown hook stops the stack), or until everything was stopped elsewhere. */
    private int monitor() {
        console.say("Running. Ctrl-C stops everything (or ./run-local.sh stop from another shell).");
        Set<String> reported = new HashSet<>();
        while (true) {
            boolean any = false;
            for (JavaProcess process : List.copyOf(running.values())) {
                if (process.isAlive()) {
                    any = true;
                } else if (!control.stopping() && !Files.exists(directory.stoppingMarker()) && reported.add(process.name())) {
                    console.warn(process.name() + " exited unexpectedly");
                    console.showLogTail(process);
                }
            }
            if (!any) {
                owner = false;
                console.say("Every process has stopped; exiting.");
                return 0;
            }
            sleep(1000);
        }
    }

    private String elapsed() {
        long tenths = (System.nanoTime() - t0) / 100_000_000;
        return tenths / 10 + "." + tenths % 10;
    }

    private static String join(List<Integer> ports) {
        return String.join(" ", ports.stream().map(String::valueOf).toList());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
