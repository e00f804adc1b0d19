package dev.upgradeassist.platform.messaging;

import dev.upgradeassist.contracts.CloudEventHeaders;
import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.EventTypes;
import dev.upgradeassist.contracts.PlanApproved;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The deserializer reads the bodies of the types a service's listeners handle, and no others. */
class HandledEventTypesTest {

    @KafkaListener(topics = "t")
    static class ApprovalsListener extends EventListenerSupport {
        @KafkaHandler
        void on(PlanApproved event) {
        }
    }

    @KafkaListener(topics = "t")
    static class EverythingListener {
        @KafkaHandler
        void on(DomainEvent event) {
        }
    }

    @Test
    void the_types_of_the_listeners_handlers_and_not_the_skip() {
        assertThat(HandledEventTypes.handled(List.of(ApprovalsListener.class))).containsExactly("PlanApproved.v1");
    }

    @Test
    void a_handler_of_a_supertype_takes_every_type_of_it() {
        assertThat(HandledEventTypes.handled(List.of(EverythingListener.class)))
                .containsExactlyInAnyOrderElementsOf(EventTypes.all().keySet());
    }

    @Test
    void found_in_a_context_by_the_listener_annotation_without_making_the_bean() {
        try (var context = new AnnotationConfigApplicationContext()) {
            context.registerBean(ApprovalsListener.class, () -> {
                throw new AssertionError("the listener bean was made");
            }, definition -> definition.setLazyInit(true));
            context.refresh();
            HandledEventTypes handled = HandledEventTypes.of(context);

            assertThat(handled.test("PlanApproved.v1")).isTrue();
            assertThat(handled.test("RequestReceived.v1")).isFalse();
        }
    }

    @Test
    void with_no_listener_found_every_type_is_decoded() {
        HandledEventTypes handled = new HandledEventTypes(List::of);

        assertThat(handled.test("RequestReceived.v1")).isTrue();
    }

    @Test
    void a_type_no_handler_takes_is_not_read_even_when_its_body_is_broken() {
        var deserializer = new CloudEventDeserializer(new EventCodec(),
                new HandledEventTypes(() -> List.of(ApprovalsListener.class)));

        Object skipped = deserializer.deserialize("t", headers("RequestReceived.v1"), bytes("{not json"));

        assertThat(skipped).isEqualTo(new UnhandledEvent("RequestReceived.v1"));
        // a handled type is read, and a broken body still fails (the error handler dead-letters it)
        assertThatThrownBy(() -> deserializer.deserialize("t", headers("PlanApproved.v1"), bytes("{not json")))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class);
    }

    @Test
    void the_one_argument_deserializer_reads_every_known_type() {
        var deserializer = new CloudEventDeserializer(new EventCodec());

        assertThatThrownBy(() -> deserializer.deserialize("t", headers("RequestReceived.v1"), bytes("{not json")))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class);
    }

    private static RecordHeaders headers(String typeId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.TYPE, typeId.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
