package dev.upgradeassist.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimitsTest {

    @Test
    void lengths_count_code_points_and_the_limit_itself_fits() {
        assertThat(Limits.tooLong("The message", "x".repeat(20_000), Limits.COMMENT)).isNull();
        assertThat(Limits.tooLong("The message", "x".repeat(20_001), Limits.COMMENT))
                .isEqualTo("The message is too long: 20,001 characters, at most 20,000.");
        assertThat(Limits.tooLong("The message", "\uD83D\uDE00".repeat(20_000), Limits.COMMENT)).isNull();
    }

    @Test
    void line_breaks_and_tabs_are_text_other_control_characters_are_refused() {
        assertThat(Limits.text("The feedback", "line one\r\nline two\twith a tab", Limits.FEEDBACK)).isNull();
        assertThat(Limits.text("The feedback", "<script>alert(1)</script>", Limits.FEEDBACK)).isNull();
        assertThat(Limits.text("The feedback", "bell\u0007", Limits.FEEDBACK)).contains("control characters");
        assertThat(Limits.text("The feedback", "nul\u0000", Limits.FEEDBACK)).contains("control characters");
        assertThat(Limits.text("The feedback", "c1\u0085", Limits.FEEDBACK)).contains("control characters");
        assertThat(Limits.text("The feedback", "", Limits.FEEDBACK)).isNull();
    }
}
