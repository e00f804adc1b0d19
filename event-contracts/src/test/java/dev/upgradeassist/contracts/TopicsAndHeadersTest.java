package dev.upgradeassist.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Names that operators and other services rely on: dead-letter topics and CloudEvents headers. */
class TopicsAndHeadersTest {

    @Test
    void deadLetterTopicIsTheSourceTopicWithDltSuffix() {
        assertThat(Topics.deadLetter(Topics.REVIEW)).isEqualTo("upgrade-assist.review.events-dlt");
        assertThat(Topics.ALL).allSatisfy(topic -> assertThat(Topics.deadLetter(topic)).isEqualTo(topic + "-dlt"));
    }

    @Test
    void cloudEventsHeadersAreTheBinaryModeNames() {
        assertThat(CloudEventHeaders.SPEC_VERSION).isEqualTo("ce_specversion");
        assertThat(CloudEventHeaders.ID).isEqualTo("ce_id");
        assertThat(CloudEventHeaders.TYPE).isEqualTo("ce_type");
        assertThat(CloudEventHeaders.SOURCE).isEqualTo("ce_source");
        assertThat(CloudEventHeaders.SUBJECT).isEqualTo("ce_subject");
        assertThat(CloudEventHeaders.TIME).isEqualTo("ce_time");
        assertThat(CloudEventHeaders.CONTENT_TYPE).isEqualTo("content-type");
        assertThat(CloudEventHeaders.SPEC_VERSION_VALUE).isEqualTo("1.0");
        assertThat(CloudEventHeaders.JSON).isEqualTo("application/json");
    }

    @Test
    void sourceIsTheServiceUnderUpgradeAssist() {
        assertThat(CloudEventHeaders.source("review-service")).isEqualTo("/upgrade-assist/review-service");
    }
}
