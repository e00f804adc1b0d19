package dev.upgradeassist.testsupport;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import de.bwaldvogel.mongo.MongoServer;
import dev.upgradeassist.embeddedmongo.IdLookupBackends;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;

/**
 * One set of real infrastructure per test JVM, shared by every Spring context in it: a Kafka
 * broker, a MongoDB-protocol server and an SMTP + IMAP server.
 * <p>
 * Mode, from the system property {@code test.infra} or the environment variable {@code TEST_INFRA}:
 * <ul>
 *   <li>{@code docker}: Testcontainers (apache/kafka, mongo:7 replica set, greenmail/standalone);</li>
 *   <li>{@code embedded}: in the JVM (EmbeddedKafkaKraftBroker, mongo-java-server, GreenMail);</li>
 *   <li>{@code auto} (default): docker when a Docker engine answers, else embedded.</li>
 * </ul>
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    private static final String MONGO_IMAGE = "mongo:7.0.14";
    private static final String GREENMAIL_IMAGE = "greenmail/standalone:2.1.3";

    private static volatile TestInfrastructure instance;

    /**
     * Spring contexts using this infrastructure that have not finished closing. At JVM exit their shutdown hooks and
     * ours run at the same time; stopping the broker under contexts still stopping their consumers and producers
     * left those waiting on a broker that was gone, and Surefire killed the fork 30 s later. Our hook waits for them.
     */
    private static int openContexts;
    private static final Object CONTEXTS = new Object();
    private static final long CONTEXTS_CLOSE_WAIT_MILLIS = 20_000;

    private final String mode;
    private final String kafkaBootstrapServers;
    private final String mongoUri;
    private final String mailHost;
    private final int smtpPort;
    private final int imapPort;
    private final GreenMail greenMail;

    private TestInfrastructure(String mode, String kafkaBootstrapServers, String mongoUri, String mailHost,
                               int smtpPort, int imapPort, GreenMail greenMail) {
        this.mode = mode;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.mongoUri = mongoUri;
        this.mailHost = mailHost;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.greenMail = greenMail;
    }

    public static TestInfrastructure get() {
        TestInfrastructure local = instance;
        if (local == null) {
            synchronized (TestInfrastructure.class) {
                local = instance;
                if (local == null) {
                    local = start(configuredMode());
                    instance = local;
                }
            }
        }
        return local;
    }

    static String configuredMode() {
        String configured = System.getProperty("test.infra", System.getenv().getOrDefault("TEST_INFRA", "auto"));
        String mode = configured.toLowerCase(Locale.ROOT).trim();
        if (mode.equals("auto")) {
            mode = dockerAvailable() ? "docker" : "embedded";
        }
        if (!mode.equals("docker") && !mode.equals("embedded")) {
            throw new IllegalArgumentException("test.infra must be docker, embedded or auto, not " + configured);
        }
        return mode;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static TestInfrastructure start(String mode) {
        long started = System.nanoTime();
        TestInfrastructure infrastructure = mode.equals("docker") ? startContainers() : startEmbedded();
        log.info("Test infrastructure ({}) ready in {} ms: kafka={} mongo={} smtp={}:{} imap={}", mode,
                (System.nanoTime() - started) / 1_000_000, infrastructure.kafkaBootstrapServers,
                infrastructure.mongoUri, infrastructure.mailHost, infrastructure.smtpPort, infrastructure.imapPort);
        return infrastructure;
    }

    private static TestInfrastructure startEmbedded() {
        var kafka = new EmbeddedKafkaKraftBroker(1, 3)
                .brokerProperties(Map.of(
                        "group.initial.rebalance.delay.ms", "0",
                        "auto.create.topics.enable", "true",
                        "num.partitions", "3",
                        "offsets.topic.num.partitions", "3"));
        kafka.afterPropertiesSet();

        MongoServer mongo = new MongoServer(new IdLookupBackends.Memory());
        mongo.bind("127.0.0.1", 0);
        InetSocketAddress mongoAddress = mongo.getLocalAddress();

        GreenMail mail = new GreenMail(new ServerSetup[]{
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            awaitContextsClosed();
            mail.stop();
            mongo.shutdownNow();
            kafka.destroy();
        }, "test-infrastructure-shutdown"));

        return new TestInfrastructure("embedded", kafka.getBrokersAsString(),
                "mongodb://127.0.0.1:" + mongoAddress.getPort(), "127.0.0.1",
                mail.getSmtp().getPort(), mail.getImap().getPort(), mail);
    }

    /** A Spring context started using this infrastructure ({@link InfrastructureTestConfiguration}). */
    static void contextOpened() {
        synchronized (CONTEXTS) {
            openContexts++;
        }
    }

    /** That context has stopped its listeners and is destroying its beans: the infrastructure may go. */
    static void contextClosed() {
        synchronized (CONTEXTS) {
            openContexts--;
            CONTEXTS.notifyAll();
        }
    }

    private static void awaitContextsClosed() {
        long deadline = System.currentTimeMillis() + CONTEXTS_CLOSE_WAIT_MILLIS;
        synchronized (CONTEXTS) {
            long left;
            while (openContexts > 0 && (left = deadline - System.currentTimeMillis()) > 0) {
                try {
                    CONTEXTS.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @SuppressWarnings("resource")
    private static TestInfrastructure startContainers() {
        var kafka = new KafkaContainer(KAFKA_IMAGE);
        var mongo = new MongoDBContainer(MONGO_IMAGE);
        var mail = new GenericContainer<>(GREENMAIL_IMAGE)
                .withEnv("GREENMAIL_OPTS", "-Dgreenmail.setup.test.smtp -Dgreenmail.setup.test.imap "
                        + "-Dgreenmail.auth.disabled -Dgreenmail.hostname=0.0.0.0")
                .withExposedPorts(3025, 3143);
        kafka.start();
        mongo.start();
        mail.start();
        return new TestInfrastructure("docker", kafka.getBootstrapServers(), mongo.getReplicaSetUrl().replaceAll("/test$", ""),
                mail.getHost(), mail.getMappedPort(3025), mail.getMappedPort(3143), null);
    }

    public String mode() {
        return mode;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** A MongoDB URI without a database: append {@code /<database>}. */
    public String mongoUri() {
        return mongoUri;
    }

    public String mongoUri(String database) {
        return mongoUri + "/" + database;
    }

    public String mailHost() {
        return mailHost;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    /** The in-JVM GreenMail in embedded mode, for fault injection (stop/start SMTP); null in docker mode. */
    public GreenMail greenMail() {
        return greenMail;
    }

    public Mailbox mailbox(String address) {
        return new Mailbox(mailHost, imapPort, address);
    }
}
