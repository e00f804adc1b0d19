package dev.upgradeassist.platform.testapp;

import dev.upgradeassist.platform.outbox.Outcome;
import dev.upgradeassist.platform.outbox.Target;

import dev.upgradeassist.contracts.RequestCompleted;
import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.platform.outbox.OutboxMessage;
import dev.upgradeassist.platform.outbox.OutboxRelay;
import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestKafka;
import dev.upgradeassist.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class PlatformIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    OutboxRelay relay;

    @Autowired
    dev.upgradeassist.platform.outbox.AggregateStore store;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Switches switches;

    @Autowired
    MappingEventCount mappingEvents;

    @Autowired
    org.springframework.kafka.config.KafkaListenerEndpointRegistry listeners;

    @Autowired
    org.springframework.kafka.core.ConsumerFactory<?, ?> consumerFactory;

    @Test
    void an_event_is_applied_once_and_its_answer_is_published_through_the_outbox() {
        String requestId = UUID.randomUUID().toString();

        TestKafka.publish(received(requestId, "UA-1"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(TestKafka.readAll(Topics.REVIEW, requestId)).hasSize(1));
        var answer = TestKafka.readAll(Topics.REVIEW, requestId).get(0);
        assertThat(answer.typeId()).isEqualTo("InfoMissing.v1");
        assertThat(answer.headers()).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_source", "/upgrade-assist/platform-test")
                .containsEntry("ce_subject", requestId)
                .containsEntry("content-type", "application/json")
                .containsKey("ce_time");
        assertThat(answer.as(InfoMissing.class).eventId()).isEqualTo(answer.eventId());
        assertThat(pendingOutbox(requestId)).isEmpty();
    }

    @Test
    void the_trace_of_an_incoming_event_continues_through_the_outbox_into_the_event_it_causes() {
        String requestId = UUID.randomUUID().toString();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        TestKafka.publish(received(requestId, "UA-T"), "/upgrade-assist/test",
                java.util.Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(TestKafka.readAll(Topics.REVIEW, requestId)).singleElement()
                        .satisfies(r -> assertThat(r.headers().get("traceparent")).contains(traceId)));
    }

    @Test
    void the_same_record_delivered_twice_changes_nothing() {
        String requestId = UUID.randomUUID().toString();
        RequestReceived event = received(requestId, "UA-2");
        double duplicatesBefore = duplicates();

        TestKafka.publish(event);
        TestKafka.publish(event);

        await().atMost(Duration.ofSeconds(30)).until(() -> duplicates() > duplicatesBefore);
        assertThat(mongo.findById(requestId, Tally.class).received()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(TestKafka.readAll(Topics.REVIEW, requestId)).hasSize(1));
    }

    @Test
    void a_crash_between_the_state_write_and_the_publish_loses_nothing() {
        String requestId = UUID.randomUUID().toString();
        InfoMissing event = new InfoMissing(UUID.randomUUID().toString(), Instant.now(), requestId, 1, List.of(),
                List.of(), List.of(), null);
        // the state change and its event were written, then the process died before publishing
        Document written = new Document("_id", requestId).append("received", 1).append("version", 0L)
                .append("outbox", List.of(mongo.getConverter().convertToMongoType(OutboxMessage.of(event))));
        mongo.insert(written, "tallies");
        assertThat(pendingOutbox(requestId)).hasSize(1);

        relay.drain(); // the restarted relay's first round

        var published = TestKafka.readAll(Topics.REVIEW, requestId);
        assertThat(published).hasSize(1);
        assertThat(published.get(0).eventId()).isEqualTo(event.eventId());
        assertThat(pendingOutbox(requestId)).isEmpty();
    }

    @Test
    void one_relay_round_publishes_several_documents_and_empties_each_outbox_with_its_version_bumped() {
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        for (String id : ids) {
            InfoMissing first = new InfoMissing(UUID.randomUUID().toString(), Instant.now(), id, 1, List.of(), List.of(),
                    List.of(), null);
            InfoMissing second = new InfoMissing(UUID.randomUUID().toString(), Instant.now(), id, 2, List.of(), List.of(),
                    List.of(), null);
            mongo.insert(new Document("_id", id).append("received", 2).append("version", 3L)
                    .append("outbox", List.of(mongo.getConverter().convertToMongoType(OutboxMessage.of(first)),
                            mongo.getConverter().convertToMongoType(OutboxMessage.of(second)))), "tallies");
        }

        relay.drain();

        for (String id : ids) {
            assertThat(TestKafka.readAll(Topics.REVIEW, id)).extracting(r -> r.as(InfoMissing.class).revision())
                    .containsExactly(1, 2);
            assertThat(pendingOutbox(id)).isEmpty();
            assertThat(mongo.findById(id, Document.class, "tallies").get("version", Number.class).longValue()).isEqualTo(4L);
        }
    }

    @Test
    void the_template_publishes_no_mapping_events_and_still_stages_raised_events_through_its_callback() {
        String requestId = UUID.randomUUID().toString();
        Tally tally = new Tally(requestId);
        tally.receive(requestId, 1);
        int before = mappingEvents.count();

        // a write with the template itself, not through the store: only the entity callback can stage the event
        mongo.insert(tally);
        Tally read = mongo.findById(requestId, Tally.class);
        mongo.save(read);

        assertThat(mappingEvents.count()).isEqualTo(before);
        assertThat(read.received()).isEqualTo(1);
        relay.drain();
        assertThat(TestKafka.readAll(Topics.REVIEW, requestId)).hasSize(1);
    }

    @Test
    void the_listeners_consumers_wait_at_the_broker_for_a_batch() {
        // platform-defaults.yml (ADR 0031): a fetch waits up to 100 ms for 64 KB, so that a poll carries a batch
        Map<String, Object> config = consumerFactory.getConfigurationProperties();

        assertThat(String.valueOf(config.get(org.apache.kafka.clients.consumer.ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)))
                .isEqualTo("100");
        assertThat(String.valueOf(config.get(org.apache.kafka.clients.consumer.ConsumerConfig.FETCH_MIN_BYTES_CONFIG)))
                .isEqualTo("65536");
    }

    @Test
    void an_aggregate_read_in_part_is_never_written_whole_with_the_template() {
        String requestId = UUID.randomUUID().toString();
        Tally tally = new Tally(requestId);
        tally.receive(requestId, 1);
        mongo.insert(tally);
        Tally partly = mongo.findById(requestId, Tally.class);
        partly.readWithout(java.util.Set.of("received"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mongo.save(partly))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("read in part");
        assertThat(mongo.findById(requestId, Tally.class).received()).as("the stored one is untouched").isEqualTo(1);
    }

    @Test
    void an_event_that_creates_its_aggregate_is_inserted_first_and_still_applied_only_once() {
        String requestId = UUID.randomUUID().toString();
        RequestReceived first = received(requestId, "UA-N1");
        RequestReceived second = received(requestId, "UA-N2");
        double duplicatesBefore = duplicates();

        Target<Tally> tally = Target.orCreate(Tally.class, requestId, () -> new Tally(requestId),
                Target.Creation.INSERT_FIRST);
        assertThat(store.apply(tally.causedBy(first), t -> { t.receive(requestId, 1); return null; }).status())
                .isEqualTo(Outcome.Status.WRITTEN);
        // the same event again (a redelivery): the insert finds the id taken, the read finds the event applied
        assertThat(store.apply(tally.causedBy(first), t -> { t.receive(requestId, 1); return null; }).status())
                .isEqualTo(Outcome.Status.ALREADY_APPLIED);
        // another event about the same aggregate: applied to the stored one, not to a fresh one
        assertThat(store.apply(tally.causedBy(second), t -> { t.receive(requestId, 2); return null; }).status())
                .isEqualTo(Outcome.Status.WRITTEN);

        assertThat(mongo.findById(requestId, Tally.class).received()).isEqualTo(2);
        assertThat(duplicates()).isEqualTo(duplicatesBefore + 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(TestKafka.readAll(Topics.REVIEW, requestId)).hasSize(2));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(pendingOutbox(requestId)).isEmpty());
    }

    @Test
    void a_poison_record_lands_in_the_dead_letter_topic_and_the_next_record_still_flows() {
        String poisonKey = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();

        TestKafka.publishRaw(Topics.INTAKE, poisonKey, "RequestReceived.v1", "{not json".getBytes(StandardCharsets.UTF_8));
        TestKafka.publish(received(poisonKey + "-2", "poison"));
        TestKafka.publish(received(requestId, "UA-3"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var dead = TestKafka.readAll(Topics.deadLetter(Topics.INTAKE),
                    r -> poisonKey.equals(r.key()) || (poisonKey + "-2").equals(r.key()));
            assertThat(dead).hasSize(2);
            assertThat(dead).allSatisfy(r -> assertThat(r.headers()).containsKeys("kafka_dlt-exception-fqcn",
                    "kafka_dlt-original-topic", "kafka_dlt-original-partition", "kafka_dlt-original-offset"));
            assertThat(dead).filteredOn(r -> poisonKey.equals(r.key())).singleElement()
                    .satisfies(r -> assertThat(r.valueAsString()).isEqualTo("{not json"));
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(TestKafka.readAll(Topics.REVIEW, requestId)).hasSize(1));
        var poisonSource = TestKafka.readAll(Topics.INTAKE, poisonKey).get(0);
        var poisonDead = TestKafka.readAll(Topics.deadLetter(Topics.INTAKE), poisonKey).get(0);
        assertThat(poisonDead.partition()).isEqualTo(poisonSource.partition());
    }

    @Test
    void a_record_that_meets_a_mongodb_outage_waits_past_its_retries_and_is_applied_once_not_dead_lettered() {
        String requestId = UUID.randomUUID().toString();
        switches.outageFailures.set(12); // far more failures than the 2 retries a broken record gets

        TestKafka.publish(received(requestId, "outage"));

        await().atMost(Duration.ofSeconds(60)).until(() -> switches.outageFailures.get() < 0);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(TestKafka.events(Topics.REVIEW, requestId)).hasSize(1));
        assertThat(mongo.findById(requestId, Tally.class).received()).isEqualTo(1);
        assertThat(TestKafka.readAll(Topics.deadLetter(Topics.INTAKE), requestId)).isEmpty();
    }

    @Test
    void an_unknown_event_type_is_skipped_with_a_counter_not_dead_lettered() {
        String key = UUID.randomUUID().toString();

        double before = skipped("other");
        int seriesBefore = meters.find("upgrade_assist.events.skipped").counters().size();

        TestKafka.publishRaw(Topics.INTAKE, key, "SomethingNew.v1", "{}".getBytes(StandardCharsets.UTF_8));
        TestKafka.publishRaw(Topics.INTAKE, key, "Anything-" + UUID.randomUUID() + ".v1", "{}".getBytes(StandardCharsets.UTF_8));

        // a sender's ce_type is not a tag of its own: the series stay bounded by the contract's types
        await().atMost(Duration.ofSeconds(30)).until(() -> skipped("other") >= before + 2);
        assertThat(meters.find("upgrade_assist.events.skipped").counters().size()).isLessThanOrEqualTo(seriesBefore + 1);
        assertThat(meters.find("upgrade_assist.events.skipped").tag("type", "SomethingNew.v1").counter()).isNull();
        assertThat(TestKafka.readAll(Topics.deadLetter(Topics.INTAKE), key)).isEmpty();
    }

    private double skipped(String type) {
        var counter = meters.find("upgrade_assist.events.skipped").tag("type", type).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void a_missing_token_is_401_and_a_wrong_role_is_403_as_problem_details() throws Exception {
        var anonymous = send(HttpRequest.newBuilder(uri("/api/v1/probes/x")).GET());
        var unknown = send(HttpRequest.newBuilder(uri("/api/v1/probes/x")).header("Authorization", "Bearer nope").GET());
        var wrongRole = send(HttpRequest.newBuilder(uri("/api/v1/probes/x"))
                .header("Authorization", "Bearer " + TestTokens.OPERATOR).GET());
        var allowed = send(HttpRequest.newBuilder(uri("/api/v1/probes/x"))
                .header("Authorization", "Bearer " + TestTokens.ENGINEER).GET());

        var wrongRoleBrokenBody = send(HttpRequest.newBuilder(uri("/api/v1/probes"))
                .header("Authorization", "Bearer " + TestTokens.ENGINEER).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{broken")));
        assertThat(wrongRoleBrokenBody.statusCode()).isEqualTo(403);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrongRole.statusCode()).isEqualTo(403);
        assertThat(allowed.statusCode()).isEqualTo(404);
        for (var response : List.of(anonymous, unknown, wrongRole, allowed)) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains("\"status\"").contains("\"title\"");
        }
    }

    @Test
    void bad_bodies_get_400_or_413_problem_details_never_500() throws Exception {
        var notJson = post("/api/v1/probes", "{\"form\": ");
        var unknownEnum = post("/api/v1/probes", "{\"form\":\"NOPE\",\"name\":\"x\"}");
        var wrongType = post("/api/v1/probes", "{\"form\":\"STANDARD\",\"name\":\"x\",\"count\":\"many\"}");
        var coerced = post("/api/v1/probes", "{\"form\":\"STANDARD\",\"name\":\"x\",\"count\":\"5\"}");
        var paddedEnum = post("/api/v1/probes", "{\"form\":\"STANDARD\\n\",\"name\":\"x\"}");
        var invalid = post("/api/v1/probes", "{\"form\":\"STANDARD\",\"name\":\"\",\"email\":\"not-an-email\"}");
        var huge = post("/api/v1/probes", "{\"form\":\"STANDARD\",\"name\":\"" + "x".repeat(300 * 1024) + "\"}");
        var unknownPath = post("/api/v1/nothing-here", "{}");
        var wrongMethod = send(HttpRequest.newBuilder(uri("/api/v1/probes")).header("Authorization", "Bearer " + TestTokens.PORTAL)
                .DELETE());

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(unknownEnum.statusCode()).isEqualTo(400);
        assertThat(unknownEnum.body()).contains("\"field\":\"form\"").contains("STANDARD, US_FEDERAL");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("\"field\":\"count\"");
        assertThat(coerced.statusCode()).isEqualTo(400);
        assertThat(paddedEnum.statusCode()).isEqualTo(400);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("\"errors\"").contains("\"field\":\"name\"").contains("\"field\":\"email\"");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        for (var response : List.of(notJson, unknownEnum, wrongType, invalid, huge, unknownPath, wrongMethod)) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("dev.upgradeassist")
                    .doesNotContain("tools.jackson");
        }
    }

    @Test
    void health_and_prometheus_are_open_and_other_actuator_endpoints_need_an_operator() throws Exception {
        var health = send(HttpRequest.newBuilder(uri("/actuator/health")).GET());
        var prometheus = send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET());
        var metricsAnonymous = send(HttpRequest.newBuilder(uri("/actuator/metrics")).GET());
        var metricsOperator = send(HttpRequest.newBuilder(uri("/actuator/metrics"))
                .header("Authorization", "Bearer " + TestTokens.OPERATOR).GET());
        var healthDetails = send(HttpRequest.newBuilder(uri("/actuator/health"))
                .header("Authorization", "Bearer " + TestTokens.OPERATOR).GET());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"").doesNotContain("mongo");
        assertThat(healthDetails.body()).contains("mongo").contains("kafkaListeners").contains("outbox");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("application=\"platform-test\"")
                .contains("kafka_producer_record_send_total").contains("kafka_consumer_fetch_manager_records_lag_max");
        assertThat(metricsAnonymous.statusCode()).isEqualTo(401);
        assertThat(metricsOperator.statusCode()).isEqualTo(200);
    }

    @Test
    void an_operator_replay_rereads_the_topic_and_changes_nothing() throws Exception {
        String requestId = UUID.randomUUID().toString();
        TestKafka.publish(received(requestId, "UA-4"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(TestKafka.readAll(Topics.REVIEW, requestId)).hasSize(1));
        double duplicatesBefore = duplicates();

        var replay = send(HttpRequest.newBuilder(uri("/api/v1/operations/replay"))
                .header("Authorization", "Bearer " + TestTokens.OPERATOR).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"upgrade-assist.intake.events\",\"from\":\"EARLIEST\"}")));
        var otherTopic = send(HttpRequest.newBuilder(uri("/api/v1/operations/replay"))
                .header("Authorization", "Bearer " + TestTokens.OPERATOR).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"upgrade-assist.review.events\",\"from\":\"EARLIEST\"}")));

        assertThat(replay.statusCode()).isEqualTo(202);
        assertThat(replay.body()).contains("\"partitions\"").contains("\"offset\"");
        assertThat(otherTopic.statusCode()).isEqualTo(400);
        await().atMost(Duration.ofSeconds(30)).until(() -> duplicates() > duplicatesBefore);
        assertThat(mongo.findById(requestId, Tally.class).received()).isEqualTo(1);
        assertThat(TestKafka.readAll(Topics.REVIEW, requestId)).hasSize(1);
    }

    @Test
    void a_dead_letter_redriven_twice_after_its_cause_is_fixed_has_one_effect_and_keeps_its_id() throws Exception {
        String requestId = UUID.randomUUID().toString();
        RequestReceived event = received(requestId, "fixable");
        TestKafka.publish(event);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(TestKafka.readAll(Topics.deadLetter(Topics.INTAKE), requestId)).hasSize(1));
        var dead = TestKafka.readAll(Topics.deadLetter(Topics.INTAKE), requestId).get(0);
        var listed = send(HttpRequest.newBuilder(uri("/api/v1/operations/dead-letters?topic="
                + Topics.deadLetter(Topics.INTAKE) + "&limit=1000")).header("Authorization", "Bearer " + TestTokens.OPERATOR).GET());
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(event.eventId()).contains("\"failure\":\"POISON\"")
                .contains("\"reason\":\"cannot process this ticket yet\"").contains("RequestReceived.v1")
                .doesNotContain("Exception");

        switches.rejectFixable.set(false); // the cause is fixed
        String body = "{\"topic\":\"" + Topics.deadLetter(Topics.INTAKE) + "\",\"records\":[{\"partition\":"
                + dead.partition() + ",\"offset\":" + dead.offset() + "}]}";
        var first = operatorPost("/api/v1/operations/dead-letters/redrive", body);
        var second = operatorPost("/api/v1/operations/dead-letters/redrive", body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("REDRIVEN");
        assertThat(second.body()).contains("REDRIVEN");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(TestKafka.readAll(Topics.INTAKE, requestId)).hasSize(3)
                        .allSatisfy(r -> assertThat(r.eventId()).isEqualTo(event.eventId())));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(TestKafka.readAll(Topics.REVIEW, requestId)).hasSize(1));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(mongo.findById(requestId, Tally.class).received()).isEqualTo(1));
    }

    @Test
    void a_redrive_to_a_topic_off_the_allow_list_is_refused() throws Exception {
        String key = UUID.randomUUID().toString();
        // a dead letter that claims to come from a topic this service does not consume
        var record = new org.apache.kafka.clients.producer.ProducerRecord<String, byte[]>(
                Topics.deadLetter(Topics.INTAKE), key, "{}".getBytes(StandardCharsets.UTF_8));
        record.headers().add("kafka_dlt-original-topic", Topics.NOTIFICATION.getBytes(StandardCharsets.UTF_8));
        var props = new java.util.Properties();
        props.put("bootstrap.servers", dev.upgradeassist.testsupport.TestInfrastructure.get().kafkaBootstrapServers());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(props,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            var metadata = producer.send(record).get();
            var refused = operatorPost("/api/v1/operations/dead-letters/redrive", "{\"topic\":\""
                    + Topics.deadLetter(Topics.INTAKE) + "\",\"records\":[{\"partition\":" + metadata.partition()
                    + ",\"offset\":" + metadata.offset() + "}]}");
            assertThat(refused.body()).contains("REFUSED_NOT_ALLOWED");
        }
        var otherDlt = operatorPost("/api/v1/operations/dead-letters/redrive",
                "{\"topic\":\"" + Topics.deadLetter(Topics.NOTIFICATION) + "\",\"records\":[{\"partition\":0,\"offset\":0}]}");
        assertThat(otherDlt.statusCode()).isEqualTo(400);
        assertThat(TestKafka.readAll(Topics.NOTIFICATION, key)).isEmpty();
    }

    @Test
    void an_error_in_a_listener_stops_its_container_and_health_goes_down() throws Exception {
        String requestId = UUID.randomUUID().toString();
        TestKafka.publish(new RequestCompleted(UUID.randomUUID().toString(), Instant.now(), requestId, "throw-error",
                null, null, null));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(send(HttpRequest.newBuilder(uri("/actuator/health")).GET()).statusCode()).isEqualTo(503));
        var details = send(HttpRequest.newBuilder(uri("/actuator/health"))
                .header("Authorization", "Bearer " + TestTokens.OPERATOR).GET());
        assertThat(details.body()).contains("\"fragile\":\"stopped\"");
        var liveness = send(HttpRequest.newBuilder(uri("/actuator/health/liveness")).GET());
        assertThat(liveness.statusCode()).isEqualTo(200);

        // recover, so that the other tests see a healthy service
        switches.throwError.set(false);
        listeners.getListenerContainer("fragile").start();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(send(HttpRequest.newBuilder(uri("/actuator/health")).GET()).statusCode()).isEqualTo(200));
    }

    @Test
    void a_replay_reaches_every_instance_of_the_service_each_rewinding_its_own_partitions() throws Exception {
        var infra = dev.upgradeassist.testsupport.TestInfrastructure.get();
        try (var second = new org.springframework.boot.builder.SpringApplicationBuilder(PlatformTestApplication.class)
                .run("--server.port=0", "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                        "--spring.mongodb.uri=" + infra.mongoUri("test-upgrade-assist"),
                        "--upgrade-assist.platform.tokens[" + TestTokens.OPERATOR + "]=OPERATOR",
                        // Kafka's range assignor gives a topic's partitions to the members in the lexicographic order
                        // of their ids (client id first): one consumer whose id sorts before the first instance's
                        // ("consumer-platform-test-N") always gets a partition, and leaves the others to them. With
                        // three consumers each, now and then all three partitions went to one instance.
                        "--spring.kafka.listener.concurrency=1",
                        "--spring.kafka.consumer.client-id=a-second-instance",
                        "--spring.kafka.consumer.properties.partition.assignment.strategy="
                                + org.apache.kafka.clients.consumer.RangeAssignor.class.getName())) {
            var secondListeners = second.getBean(org.springframework.kafka.config.KafkaListenerEndpointRegistry.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> intakePartitions(listeners) > 0
                    && intakePartitions(secondListeners) > 0 && intakePartitions(listeners) + intakePartitions(secondListeners) == 3);
            // three requests on each partition (the default partitioner: murmur2 of the key, the request id), so that
            // each instance has something to replay whichever partitions it was given; random keys left one
            // instance's partitions empty now and then
            List<String> ids = new java.util.ArrayList<>();
            int[] perPartition = new int[3];
            while (ids.size() < 9) {
                String id = UUID.randomUUID().toString();
                int partition = org.apache.kafka.common.utils.Utils.toPositive(
                        org.apache.kafka.common.utils.Utils.murmur2(id.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % 3;
                if (perPartition[partition] < 3) {
                    perPartition[partition]++;
                    ids.add(id);
                    TestKafka.publish(received(id, "UA-R" + ids.size()));
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> mongo.findById(id, Tally.class) != null));
            MeterRegistry secondMeters = second.getBean(MeterRegistry.class);
            double firstBefore = duplicates(meters);
            double secondBefore = duplicates(secondMeters);

            var replay = operatorPost("/api/v1/operations/replay",
                    "{\"topic\":\"upgrade-assist.intake.events\",\"from\":\"EARLIEST\"}");

            assertThat(replay.statusCode()).isEqualTo(202);
            assertThat(replay.body()).contains("\"partition\":0").contains("\"partition\":1").contains("\"partition\":2");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(duplicates(meters)).isGreaterThan(firstBefore);
                assertThat(duplicates(secondMeters)).isGreaterThan(secondBefore);
            });
        }
    }

    private static int intakePartitions(org.springframework.kafka.config.KafkaListenerEndpointRegistry registry) {
        return registry.getListenerContainers().stream()
                .filter(c -> java.util.Arrays.asList(c.getContainerProperties().getTopics()).contains(Topics.INTAKE))
                .mapToInt(c -> c.getAssignedPartitions() == null ? 0 : c.getAssignedPartitions().size()).sum();
    }

    private static double duplicates(MeterRegistry registry) {
        var counter = registry.find("upgrade_assist.events.duplicates").counter();
        return counter == null ? 0 : counter.count();
    }

    private HttpResponse<String> operatorPost(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TestTokens.OPERATOR)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private double duplicates() {
        var counter = meters.find("upgrade_assist.events.duplicates").counter();
        return counter == null ? 0 : counter.count();
    }

    private List<?> pendingOutbox(String id) {
        Document document = mongo.findById(id, Document.class, "tallies");
        return document == null ? List.of() : document.getList("outbox", Object.class, List.of());
    }

    private static RequestReceived received(String requestId, String ticketId) {
        return new RequestReceived(UUID.randomUUID().toString(), Instant.now(), requestId, ticketId, 1, "HIGH",
                null, null, null);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TestTokens.PORTAL)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
