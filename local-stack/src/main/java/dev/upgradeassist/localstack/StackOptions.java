package dev.upgradeassist.localstack;

import java.util.List;

/**
 * How the processes of a stack run (not where: that is {@link StackPorts} and {@link Artifacts}): the launchers'
 * log level, each kind's JVM flags, the MongoDB-protocol server's backend and worker threads.
 */
public record StackOptions(String logLevel, List<String> kafkaJvm, List<String> mongoJvm, String mongoBackend,
                           int mongoWorkerThreads, List<String> mailJvm, List<String> serviceJvm) {

    /**
     * Names Jakarta Mail's stream provider for GreenMail's JVM: without it Jakarta Mail 2.1 looks the provider up through
     * the ServiceLoader for every multipart and every body it encodes or decodes, on every message GreenMail parses
     * (jakartaee/mail-api issues 699 and 861; the notification service names it the same way, in code).
     */
    public static final String MAIL_STREAM_PROVIDER =
            "-Djakarta.mail.util.StreamProvider=org.eclipse.angus.mail.util.MailStreamProvider";

    /**
     * The JVM flags every service runs with on the local stack (and its CDS archive is recorded with), after its own
     * heap ({@link AppService#heap()}).
     */
    public static final List<String> SERVICE_JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** The developer's stack: data in an H2 file that survives restarts, small heaps. */
    public static final StackOptions LOCAL = new StackOptions("INFO",
            List.of("-Xmx512m", "-XX:+UseSerialGC"),
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), "h2", 0,
            // GreenMail keeps every message on its heap: 128 MB ran out after a few thousand emails and left a process
            // whose SMTP port was dead; now a full heap ends it, so the launcher says it exited (wipe or restart)
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
                    MAIL_STREAM_PROVIDER),
            SERVICE_JVM);

    public StackOptions {
        kafkaJvm = List.copyOf(kafkaJvm);
        mongoJvm = List.copyOf(mongoJvm);
        mailJvm = List.copyOf(mailJvm);
        serviceJvm = List.copyOf(serviceJvm);
        if (!mongoBackend.equals("h2") && !mongoBackend.equals("memory")) {
            throw new IllegalArgumentException("mongo backend must be h2 or memory, not " + mongoBackend);
        }
    }
}
