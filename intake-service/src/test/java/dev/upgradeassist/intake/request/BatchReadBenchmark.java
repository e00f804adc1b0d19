package dev.upgradeassist.intake.request;

import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.platform.messaging.PolledBatchReads;
import dev.upgradeassist.platform.outbox.AggregateRoot;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a poll of decisions costs intake to read its requests ahead ({@link PolledBatchReads}): the whole request, as
 * before, against the request without what learning never looks at ({@link UpgradeRequest#UNREAD_BY_LEARNING}), over
 * stored requests made of the contract's complete example, in batches of 20 ids. Prints, per request read, the CPU of
 * the calling thread (the client's share: the driver's decoding and Spring Data's mapping) and of the whole process
 * (the in-process MongoDB-protocol server's share too). Not a test (Surefire does not run it); run it by hand, as the
 * services run:
 * <pre>
 * ./mvnw -q -o -pl intake-service test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
 *     -cp intake-service/target/test-classes:intake-service/target/classes:$(cat /tmp/cp.txt) \
 *     dev.upgradeassist.intake.request.BatchReadBenchmark [batches per round]
 * </pre>
 */
public final class BatchReadBenchmark {

    private static final int REQUESTS = 2_000;
    private static final int BATCH = 20;

    private BatchReadBenchmark() {
    }

    public static void main(String[] args) {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        StoredRequests.withStored(REQUESTS, mongo -> {
            Map<String, List<Class<? extends AggregateRoot>>> topics = Map.of(Topics.REVIEW, List.of(UpgradeRequest.class));
            PolledBatchReads whole = new PolledBatchReads(mongo, topics);
            PolledBatchReads partly = new PolledBatchReads(mongo, topics,
                    Map.of(UpgradeRequest.class, UpgradeRequest.UNREAD_BY_LEARNING));
            for (int round = 1; round <= 4; round++) {
                double[] w = perRequest(whole, batches);
                double[] p = perRequest(partly, batches);
                System.out.printf("round %d: whole request %.1f us (thread) / %.1f us (process) per request read;"
                                + " without what learning never reads %.1f / %.1f us%s%n",
                        round, w[0], w[1], p[0], p[1], round == 1 ? " (warm-up)" : "");
            }
        });
    }

    /** @return the calling thread's and the process's CPU per request read, in µs */
    private static double[] perRequest(PolledBatchReads reads, int batches) {
        var threads = ManagementFactory.getThreadMXBean();
        long thread = threads.getCurrentThreadCpuTime();
        long process = processCpuNanos();
        for (int b = 0; b < batches; b++) {
            List<ConsumerRecord<Object, Object>> records = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                records.add(new ConsumerRecord<>(Topics.REVIEW, 0, i, "r-" + ((b * BATCH + i) % REQUESTS), "event"));
            }
            reads.polled(new ConsumerRecords<>(Map.of(new TopicPartition(Topics.REVIEW, 0), records), Map.of()));
            if (reads.take(UpgradeRequest.class, "r-" + ((b * BATCH) % REQUESTS)).form() == null) {
                throw new IllegalStateException("the copy has no form");
            }
        }
        double n = (double) batches * BATCH;
        return new double[] {(threads.getCurrentThreadCpuTime() - thread) / 1_000.0 / n,
                (processCpuNanos() - process) / 1_000.0 / n};
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
