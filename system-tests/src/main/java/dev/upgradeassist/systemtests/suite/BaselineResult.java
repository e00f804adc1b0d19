package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.baseline.BareChain;
import dev.upgradeassist.systemtests.baseline.KafkaPerf;

/**
 * Kafka's own tools and a bare 3-hop kafka-clients chain on the broker of the first stack: what the
 * pipeline's figures are compared with.
 */
public record BaselineResult(KafkaPerf.ProducerResult producerMax, KafkaPerf.ProducerResult producerLatency,
                             KafkaPerf.ConsumerResult consumer, double chainRate, BareChain.Result chainSteady,
                             BareChain.Result chainBurst, BareChain.Result chainMax) implements PartResult {
}
