package dev.upgradeassist.systemtests.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class NewDuplicatesTest {

    @Test
    void keys_are_sorted_into_emails_links_and_templates_by_their_shape() {
        NewDuplicates found = NewDuplicates.of(Set.of(),
                Set.of("r-1@load.example|<m1>", "req-2:1|links", "req-3|REQUEST_RECEIVED", "req-4|PLAN_APPROVED"), Set.of());

        assertThat(found).isEqualTo(new NewDuplicates(1, 0, 2, 1));
    }

    @Test
    void duplicates_an_earlier_check_already_found_are_not_counted_again() {
        NewDuplicates found = NewDuplicates.of(Set.of("r-1@load.example|<m1>", "req-2:1|links"),
                Set.of("r-1@load.example|<m1>", "req-2:1|links", "r-9@load.example|<m9>"), Set.of());

        assertThat(found).isEqualTo(new NewDuplicates(1, 0, 0, 0));
    }

    @Test
    void only_new_duplicates_the_crash_window_explains_count_as_crash_window() {
        NewDuplicates found = NewDuplicates.of(Set.of("r-1@load.example|<m1>"),
                Set.of("r-1@load.example|<m1>", "r-2@load.example|<m2>", "r-3@load.example|<m3>"),
                Set.of("r-1@load.example|<m1>", "r-2@load.example|<m2>"));

        assertThat(found.emails()).isEqualTo(2);
        assertThat(found.crashWindow()).isEqualTo(1);
    }
}
