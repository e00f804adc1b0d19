package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.SystemUnderTest;
import dev.upgradeassist.systemtests.baseline.BareChain;
import dev.upgradeassist.systemtests.baseline.KafkaPerf;
import dev.upgradeassist.systemtests.report.Latency;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** The baselines on the same broker, before the services start: ProducerPerformance, ConsumerPerformance, the bare chain. */
public final class Baselines {

    private final long perfRecords;
    private final double rate;
    private final int burst;
    private final Consumer<String> log;

    /**
     * @param perfRecords records for ProducerPerformance / ConsumerPerformance
     * @param rate        the load phase's rate, at which the bare chain runs too
     * @param burst       the burst's size, sent through the bare chain at once
     */
    public Baselines(long perfRecords, double rate, int burst, Consumer<String> log) {
        this.perfRecords = perfRecords;
        this.rate = rate;
        this.burst = burst;
        this.log = log;
    }

    public BaselineResult run(SystemUnderTest sut) throws Exception {
        log.accept("== Baselines on the same broker");
        KafkaPerf perf = new KafkaPerf(sut.config);
        String topic = "systemtests.perf-" + sut.runTag;
        sut.kafka.createTopics(List.of(topic), 3);
        KafkaPerf.ProducerResult producerMax = perf.produce(topic, perfRecords, 512, -1, List.of());
        log.accept("  ProducerPerformance max: " + producerMax);
        String latencyTopic = topic + "-latency";
        sut.kafka.createTopics(List.of(latencyTopic), 3);
        KafkaPerf.ProducerResult producerLatency = perf.produce(latencyTopic, 10_000, 1_500, 500, List.of("linger.ms=0"));
        log.accept("  ProducerPerformance 500/s: " + producerLatency);
        KafkaPerf.ConsumerResult consumer = perf.consume(topic, perfRecords, "systemtests.perf-consumer-" + sut.runTag);
        log.accept("  ConsumerPerformance: " + consumer);

        try (BareChain chain = new BareChain(sut.config.bootstrapServers(), sut.runTag)) {
            sut.kafka.createTopics(chain.topics(), 3);
            chain.start();
            chain.run(500, 0, Duration.ofMinutes(2));    // warm-up
            BareChain.Result steady = chain.run((long) (rate * 60), rate, Duration.ofMinutes(5));
            log.accept("  bare chain at " + rate + "/s: " + Latency.of(steady.latencyMicros()));
            BareChain.Result burstResult = chain.run(burst, 0, Duration.ofMinutes(5));
            log.accept(String.format("  bare chain burst: %d in %.2f s", burstResult.records(), burstResult.seconds()));
            BareChain.Result max = chain.run(50_000, 0, Duration.ofMinutes(10));
            log.accept(String.format("  bare chain 50k: %.0f rec/s", max.perSecond()));
            return new BaselineResult(producerMax, producerLatency, consumer, rate, steady, burstResult, max);
        }
    }
}
