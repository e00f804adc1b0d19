package dev.upgradeassist.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One concrete stack: every process of {@link Infra} and {@link AppService} as a {@link ProcessSpec}, on the given
 * ports, with its data under {@code dataDir} and its jars from {@link Artifacts}. The only place that knows how
 * each process is started: the launcher behind run-local.sh and the system-test harness both ask it.
 */
public final class Topology {

    /** Every process listens on, and is reached at, the loopback address. */
    public static final String HOST = "127.0.0.1";

    private final Path dataDir;
    private final StackPorts ports;
    private final Artifacts artifacts;
    private final StackOptions options;

    public Topology(Path dataDir, StackPorts ports, Artifacts artifacts, StackOptions options) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.ports = ports;
        this.artifacts = artifacts;
        this.options = options;
    }

    /** The developer's stack: standard ports, the build output of {@code repo}, data in {@code dataDir}. */
    public static Topology local(Path repo, Path dataDir) {
        return new Topology(dataDir, StackPorts.STANDARD, Artifacts.built(repo), StackOptions.LOCAL);
    }

    public Path dataDir() {
        return dataDir;
    }

    public StackPorts ports() {
        return ports;
    }

    public Artifacts artifacts() {
        return artifacts;
    }

    public StackOptions options() {
        return options;
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Path logFile(String name) {
        return logDir().resolve(name + ".log");
    }

    public Path kafkaDataDir() {
        return dataDir.resolve("kafka");
    }

    public Path mongoDataDir() {
        return dataDir.resolve("mongo");
    }

    /** Every process name, infrastructure first, in start order. */
    public static List<String> allNames() {
        List<String> names = new ArrayList<>();
        Arrays.stream(Infra.values()).forEach(i -> names.add(i.id()));
        Arrays.stream(AppService.values()).forEach(s -> names.add(s.id()));
        return names;
    }

    public String bootstrapServers() {
        return HOST + ":" + ports.kafka();
    }

    public String mongoUri(String database) {
        return "mongodb://" + HOST + ":" + ports.mongo() + "/" + database;
    }

    public String serviceUrl(AppService service) {
        return serviceUrl(ports.service(service));
    }

    public static String serviceUrl(int port) {
        return "http://" + HOST + ":" + port;
    }

    public String mailApiUrl() {
        return "http://" + HOST + ":" + ports.mailApi();
    }

    // ------------------------------------------------------------------ infrastructure

    public List<ProcessSpec> infrastructure() {
        return Arrays.stream(Infra.values()).map(this::infra).toList();
    }

    public ProcessSpec infra(Infra infra) {
        return switch (infra) {
            case KAFKA -> kafka();
            case MONGO -> mongo();
            case MAIL -> mail();
        };
    }

    public ProcessSpec kafka() {
        List<String> args = new ArrayList<>(options.kafkaJvm());
        args.addAll(List.of("-Dlocalstack.log.level=" + options.logLevel(),
                "-cp", artifacts.launcherClasspath(), KafkaBroker.class.getName(),
                "--data-dir=" + kafkaDataDir(), "--host=" + HOST, "--port=" + ports.kafka(),
                "--controller-port=" + ports.kafkaController()));
        return new ProcessSpec(Infra.KAFKA.id(), args, Map.of(), ports.of(Infra.KAFKA), Optional.empty());
    }

    public ProcessSpec mongo() {
        List<String> args = new ArrayList<>(options.mongoJvm());
        args.addAll(List.of("-Dlocalstack.log.level=" + options.logLevel(),
                "-Dio.netty.buffer.checkAccessible=false", "-Dio.netty.buffer.checkBounds=false",
                "-cp", artifacts.launcherClasspath(), MongoServerMain.class.getName(),
                "--backend=" + options.mongoBackend(), "--worker-threads=" + options.mongoWorkerThreads(),
                "--file=" + mongoDataDir().resolve("upgrade-assist.mv.db"), "--host=" + HOST, "--port=" + ports.mongo()));
        return new ProcessSpec(Infra.MONGO.id(), args, Map.of(), ports.of(Infra.MONGO), Optional.empty());
    }

    public ProcessSpec mail() {
        List<String> args = new ArrayList<>(options.mailJvm());
        args.addAll(List.of(
                "-Dgreenmail.smtp.hostname=" + HOST, "-Dgreenmail.smtp.port=" + ports.smtp(),
                "-Dgreenmail.imap.hostname=" + HOST, "-Dgreenmail.imap.port=" + ports.imap(),
                "-Dgreenmail.auth.disabled", "-Dgreenmail.hostname=" + HOST,
                "-Dgreenmail.api.hostname=" + HOST, "-Dgreenmail.api.port=" + ports.mailApi(),
                "-jar", artifacts.greenMailJar().toString()));
        return new ProcessSpec(Infra.MAIL.id(), args, Map.of(), ports.of(Infra.MAIL), Optional.empty());
    }

    // ------------------------------------------------------------------ services

    public ProcessSpec service(AppService service) {
        return service(service, ports.service(service));
    }

    /**
     * The service in the {@code local} profile on {@code port} (a second instance gets a port of its own), wired
     * to this stack's Kafka, database and SMTP. Its links point at its public address, {@link #serviceUrl}.
     */
    public ProcessSpec service(AppService service, int port) {
        List<String> args = new ArrayList<>(service.jvmFlags(options.serviceJvm()));
        args.addAll(artifacts.serviceLaunch(service));
        args.addAll(List.of("--spring.profiles.active=local",
                "--spring.application.name=" + service.id(),
                "--server.port=" + port));
        if (service == AppService.WEB) {
            // a backend-for-frontend: no Kafka, no database, no mail; it calls this stack's services
            webServiceUrls().forEach((property, url) -> args.add("--" + property + "=" + url));
        } else {
            args.add("--spring.kafka.bootstrap-servers=" + bootstrapServers());
            service.database().ifPresent(db -> args.add("--spring.mongodb.uri=" + mongoUri(db)));
            args.addAll(List.of("--spring.mail.host=" + HOST, "--spring.mail.port=" + ports.smtp()));
        }
        service.publicUrlProperty().ifPresent(p -> args.add("--" + p + "=" + publicUrl(service)));
        if (service == AppService.NOTIFICATION) {
            // every customer email links the customer's request page on this stack's web module
            args.add("--upgrade-assist.notification.web-base-url=" + publicUrl(AppService.WEB));
        }
        return new ProcessSpec(service.id(), args, Map.of(), List.of(port),
                Optional.of(serviceUrl(port) + AppService.HEALTH_PATH));
    }

    /**
     * The environment that runs the service from an IDE (its main class, working directory the module) against this
     * stack's infrastructure: the same wiring as {@link #service(AppService, int)}, as Spring Boot's variables.
     */
    public Map<String, String> ideEnvironment(AppService service) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("SPRING_PROFILES_ACTIVE", "local");
        env.put("SERVER_PORT", Integer.toString(ports.service(service)));
        if (service == AppService.WEB) {
            webServiceUrls().forEach((property, url) -> env.put(
                    property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'), url));
            return env;
        }
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        service.database().ifPresent(db -> env.put("SPRING_MONGODB_URI", mongoUri(db)));
        env.put("SPRING_MAIL_HOST", HOST);
        env.put("SPRING_MAIL_PORT", Integer.toString(ports.smtp()));
        return env;
    }

    /** The web module's {@code upgrade-assist.web.*-url} settings: this stack's four services. */
    public Map<String, String> webServiceUrls() {
        Map<String, String> urls = new java.util.LinkedHashMap<>();
        urls.put("upgrade-assist.web.intake-url", serviceUrl(AppService.INTAKE));
        urls.put("upgrade-assist.web.review-url", serviceUrl(AppService.REVIEW));
        urls.put("upgrade-assist.web.scheduling-url", serviceUrl(AppService.SCHEDULING));
        urls.put("upgrade-assist.web.notification-url", serviceUrl(AppService.NOTIFICATION));
        return urls;
    }

    /** The address people use: localhost on the standard ports (as the README shows), the loopback address otherwise. */
    private String publicUrl(AppService service) {
        return ports.equals(StackPorts.STANDARD) ? "http://localhost:" + service.port() : serviceUrl(service);
    }
}
