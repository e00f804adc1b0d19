package dev.upgradeassist.review.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/review-rules.md lists every rule; every deficiency has a hint. */
class ReviewRulesDocumentedTest {

    @Test
    void every_rule_code_appears_in_the_rules_document() throws IOException {
        Path doc = Path.of("..", "docs", "review-rules.md");
        String text = Files.readString(doc);

        for (ReviewRule rule : ReviewRule.values()) {
            assertThat(text).as(rule.code()).contains("`" + rule.code() + "`");
        }
    }

    @Test
    void every_deficiency_and_decline_has_a_hint_and_every_finding_none() {
        for (ReviewRule rule : ReviewRule.values()) {
            if (rule.kind().isFinding()) {
                assertThat(rule.hint()).as(rule.code()).isNull();
            } else {
                assertThat(rule.hint("x", "X", "x", "x", "x", 1)).as(rule.code()).isNotBlank();
            }
            assertThat(rule.code()).matches("[A-Z][A-Z0-9_]+");
        }
    }
}
