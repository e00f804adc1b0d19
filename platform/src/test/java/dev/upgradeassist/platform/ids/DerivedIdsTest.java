package dev.upgradeassist.platform.ids;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DerivedIdsTest {

    @Test
    void the_same_cause_and_purpose_always_give_the_same_id() {
        assertThat(DerivedIds.derive("event-1", "PlanApproved")).isEqualTo(DerivedIds.derive("event-1", "PlanApproved"));
    }

    @Test
    void another_cause_or_purpose_gives_another_id() {
        assertThat(DerivedIds.derive("event-1", "PlanApproved"))
                .isNotEqualTo(DerivedIds.derive("event-2", "PlanApproved"))
                .isNotEqualTo(DerivedIds.derive("event-1", "InfoMissing"));
    }

    @Test
    void ids_stay_those_already_stored_a_name_based_uuid_of_cause_colon_purpose() {
        String expected = UUID.nameUUIDFromBytes("event-1:BookingLink".getBytes(StandardCharsets.UTF_8)).toString();
        assertThat(DerivedIds.derive("event-1", "BookingLink")).isEqualTo(expected);
    }
}
