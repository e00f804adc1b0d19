package dev.upgradeassist.systemtests.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.contracts.CloudEventHeaders;
import dev.upgradeassist.contracts.EventTypes;
import dev.upgradeassist.contracts.Topics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** {@link EventSignals}' handling of records, with records made by hand (no broker). */
class EventSignalsTest {

    private final EventSignals signals = new EventSignals();

    private static ConsumerRecord<String, byte[]> record(String topic, String key, String type) {
        var record = new ConsumerRecord<String, byte[]>(topic, 0, 7, key, "{}".getBytes(StandardCharsets.UTF_8));
        if (type != null) {
            record.headers().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    @Test
    void a_record_is_recorded_under_its_key_by_the_name_of_its_ce_type() {
        signals.handle(record(Topics.SCHEDULING, "req-1", "TicketOnHold.v1"));

        assertThat(signals.seen("req-1", "TicketOnHold")).isTrue();
        assertThat(signals.seen("req-1", "BookingLinkIssued")).isFalse();
        assertThat(signals.seen("req-2", "TicketOnHold")).isFalse();
        assertThat(signals.mailSent("req-1")).isFalse();
        assertThat(signals.recordsRead.get()).isEqualTo(1);
    }

    @Test
    void a_notification_sent_is_the_mail_signal() {
        signals.handle(record(Topics.NOTIFICATION, "req-1", "NotificationFailed.v1"));
        assertThat(signals.mailSent("req-1")).isFalse();

        signals.handle(record(Topics.NOTIFICATION, "req-1", "NotificationSent.v1"));
        assertThat(signals.mailSent("req-1")).isTrue();
        assertThat(signals.seen("req-1", "NotificationFailed")).isTrue();
    }

    @Test
    void the_listener_hears_each_recorded_event_after_it_was_recorded() {
        List<String> heard = new ArrayList<>();
        signals.onEvent((id, event) -> heard.add(id + " " + event + " " + signals.seen(id, event)));

        signals.handle(record(Topics.REVIEW, "req-9", "RequestDeclined.v1"));

        assertThat(heard).containsExactly("req-9 RequestDeclined true");
    }

    @Test
    void a_record_without_a_key_or_a_type_is_read_and_skipped() {
        List<String> heard = new ArrayList<>();
        signals.onEvent((id, event) -> heard.add(id));

        signals.handle(record(Topics.REVIEW, null, "InfoMissing.v1"));
        signals.handle(record(Topics.REVIEW, "req-1", null));

        assertThat(signals.recordsRead.get()).isEqualTo(2);
        assertThat(signals.recordsSkipped.get()).isEqualTo(2);
        assertThat(signals.seen("req-1", "InfoMissing")).isFalse();
        assertThat(heard).isEmpty();
    }

    @Test
    void a_type_id_is_named_without_its_version_even_when_this_build_does_not_know_it() {
        assertThat(EventSignals.eventName("BookingLinkIssued.v1")).isEqualTo("BookingLinkIssued");
        assertThat(EventSignals.eventName("SomethingNew.v12")).isEqualTo("SomethingNew");
        assertThat(EventSignals.eventName("odd")).isEqualTo("odd");
    }

    @Test
    void every_scenarios_final_event_is_published_on_a_topic_the_signals_read() {
        for (Scenario scenario : Scenario.values()) {
            var type = EventTypes.all().values().stream().filter(t -> t.name().equals(scenario.finalEvent())).findFirst();
            assertThat(type).as("%s: %s", scenario, scenario.finalEvent()).isPresent();
            assertThat(EventSignals.TOPICS).as("%s", scenario).contains(type.get().topic());
        }
        assertThat(EventSignals.TOPICS).contains(EventTypes.all().get("NotificationSent.v1").topic());
    }
}
