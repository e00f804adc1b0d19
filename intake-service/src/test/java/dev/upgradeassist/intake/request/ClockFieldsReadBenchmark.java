package dev.upgradeassist.intake.request;

import java.lang.management.ManagementFactory;

/**
 * What the status GET's second read costs (and the view's SLA read for intake's own events): the whole request mapped
 * by Spring Data ({@code findById(id, UpgradeRequest.class)}, as before) against its four clock fields
 * ({@link RequestClockFields#read}), over stored requests made of the contract's complete example. Prints the CPU of this
 * process (the MongoDB-protocol server, the driver and the mapping together) per read. Not a test (Surefire does not
 * run it); run it by hand, as the services run:
 * <pre>
 * ./mvnw -q -o -pl intake-service test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
 *     -cp intake-service/target/test-classes:intake-service/target/classes:$(cat /tmp/cp.txt) \
 *     dev.upgradeassist.intake.request.ClockFieldsReadBenchmark [reads per round]
 * </pre>
 */
public final class ClockFieldsReadBenchmark {

    private static final int REQUESTS = 2_000;

    private ClockFieldsReadBenchmark() {
    }

    public static void main(String[] args) {
        int reads = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        StoredRequests.withStored(REQUESTS, mongo -> {
            long sink = 0;
            for (int round = 1; round <= 4; round++) {
                double whole = perRead(reads, i -> mongo.findById("r-" + (i % REQUESTS), UpgradeRequest.class).sla());
                double fields = perRead(reads, i -> RequestClockFields.read(mongo, "r-" + (i % REQUESTS)).orElseThrow().sla());
                System.out.printf("round %d: whole request mapped %.1f us CPU per read, four clock fields %.1f us%s%n",
                        round, whole, fields, round == 1 ? " (warm-up)" : "");
                sink += (long) whole;
            }
            if (sink == 42) {
                System.out.println();
            }
        });
    }

    private static double perRead(int reads, java.util.function.IntFunction<UpgradeRequest.Sla> read) {
        int nonNull = 0;
        long start = cpuNanos();
        for (int i = 0; i < reads; i++) {
            if (read.apply(i).firstResponseDueAt() != null) {
                nonNull++;
            }
        }
        long used = cpuNanos() - start;
        if (nonNull != reads) {
            throw new IllegalStateException("every stored request has a running first-response clock");
        }
        return used / 1_000.0 / reads;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
