package dev.upgradeassist.intake.submission;

import dev.upgradeassist.intake.infrastructure.IntakeProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TicketIdsTest {

    private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private final TicketIds ids = new TicketIds(new IntakeProperties("UA-", 100, List.of(), Duration.ofSeconds(5)));

    @Test
    void an_id_is_the_prefix_and_six_characters_without_0_o_1_or_i() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(ids.next()).matches("UA-[2-9A-HJ-NP-Z]{6}");
        }
    }

    @Test
    void every_character_of_the_alphabet_turns_up_at_every_position() {
        List<Set<Character>> seen = List.of(new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>(),
                new HashSet<>(), new HashSet<>());
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            String id = ids.next();
            distinct.add(id);
            for (int position = 0; position < 6; position++) {
                seen.get(position).add(id.charAt(3 + position));
            }
        }
        // 5,000 draws of 32 equally likely characters miss one at a position with a chance of about 32 * e^-156
        for (Set<Character> position : seen) {
            assertThat(position).hasSize(ALPHABET.length());
        }
        // 2^30 ids: 5,000 draws hold three or more collisions with a chance of about 1 in 4 million
        assertThat(distinct.size()).isGreaterThanOrEqualTo(4_998);
    }
}
