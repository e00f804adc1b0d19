package dev.upgradeassist.notification.templates;

import dev.upgradeassist.platform.links.CustomerPageTokens;
import gg.jte.output.StringOutput;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The compiled jte templates (ADR 0019): every email has both, the HTML output escapes every value and writes nothing
 * unescaped, the model's accessors keep the meaning the Thymeleaf templates gave the variables, and a template that
 * misses a variable it needs fails with its name, never with a value of the model.
 */
class CompiledTemplatesTest {

    private final RequestLinks links = new RequestLinks(new CustomerPageTokens(MailRendererTest.SECRET),
            MailRendererTest.WEB);
    private final MailRenderer renderer = new MailRenderer(links);

    @Test
    void every_email_has_its_compiled_text_and_html_template() {
        for (Template template : Template.values()) {
            assertThat(CompiledTemplates.textOf(template)).as(template.file()).isNotNull();
            assertThat(CompiledTemplates.htmlOf(template)).as(template.file()).isNotNull();
        }
        assertThat(Arrays.stream(Template.values()).map(Template::file).distinct()).hasSize(Template.values().length);
    }

    @Test
    void the_html_output_escapes_markup_quotes_and_ampersands_in_text_and_attributes_alike() {
        MailHtmlOutput output = new MailHtmlOutput(64);
        output.setContext("span", null);
        output.writeUserContent("<b>\"Dana\" & 'Co'</b> \u00e9");
        output.setContext("a", "href");
        output.writeUserContent("https://x.example/?a=1&b='2'\"<3>");

        assertThat(output.toString()).isEqualTo("&lt;b&gt;&quot;Dana&quot; &amp; &#39;Co&#39;&lt;/b&gt; \u00e9"
                + "https://x.example/?a=1&amp;b=&#39;2&#39;&quot;&lt;3&gt;");
    }

    @Test
    void the_html_output_writes_nothing_unescaped_nor_into_scripts_or_event_handlers() {
        MailHtmlOutput output = new MailHtmlOutput(64);
        assertThatThrownBy(() -> output.writeUnsafeContent("<b>x</b>")).isInstanceOf(IllegalStateException.class);
        output.setContext("a", "onclick");
        assertThatThrownBy(() -> output.writeUserContent("alert(1)")).isInstanceOf(IllegalStateException.class);
        output.setContext("script", null);
        assertThatThrownBy(() -> output.writeUserContent("alert(1)")).isInstanceOf(IllegalStateException.class);
        assertThat(output.toString()).isEmpty();
    }

    @Test
    void a_javascript_link_is_left_empty_and_its_text_escaped() {
        Map<String, Object> model = MailGoldenTest.base();
        model.put("url", " JavaScript:alert('x')");

        RenderedMail mail = renderer.render(Template.BOOKING_LINK, MailRendererTest.REQUEST_ID, "UA-1", model);

        assertThat(mail.html()).contains("<a href=\"\"> JavaScript:alert(&#39;x&#39;)</a>").doesNotContain("href=\" Java");
        assertThat(mail.text()).contains(" JavaScript:alert('x')");
    }

    @Test
    void an_absent_link_is_written_empty_and_an_absent_text_writes_nothing() {
        Map<String, Object> model = MailGoldenTest.base();
        model.remove("planGuideUrl");
        model.remove("requesterName");

        RenderedMail mail = renderer.render(Template.INFO_MISSING, MailRendererTest.REQUEST_ID, "UA-1", model);

        assertThat(mail.html()).contains("<a href=\"\">Before you upgrade</a> (<span></span>)", "Hello <span></span>,");
        assertThat(mail.text()).startsWith("Hello ,\n").contains("Please follow \"Before you upgrade\": \n");
    }

    @Test
    void a_condition_is_true_as_it_was_in_the_thymeleaf_templates() {
        for (Object no : new Object[]{null, false, 0, 0L, 0.0, BigDecimal.ZERO, BigInteger.ZERO, '\0', "false", "OFF", "No"}) {
            assertThat(MailModel.truth(no)).as(String.valueOf(no)).isFalse();
        }
        for (Object yes : new Object[]{true, 1, -1L, 0.5, BigDecimal.ONE, 'x', "", "true", "yes", List.of(), new Object()}) {
            assertThat(MailModel.truth(yes)).as(String.valueOf(yes)).isTrue();
        }
    }

    @Test
    void the_model_reads_absent_lists_as_empty_and_joins_list_items() {
        MailModel model = new MailModel(Map.of("stops", List.of("16.3.9", "16.7.10"), "n", 4), "UA-1", "s", links, "r-1",
                Template.Audience.ENGINEER);

        assertThat(model.list("absent")).isEmpty();
        assertThat(model.empty("absent")).isTrue();
        assertThat(model.joined("stops")).isEqualTo("16.3.9, 16.7.10");
        assertThat(model.text("n")).isEqualTo("4");
        assertThat(model.text("absent")).isNull();
        assertThat(model.href("absent")).isEmpty();
        assertThat(new MailModel(null, "UA-1", "s", links, "r-1", Template.Audience.CUSTOMER).has("anything")).isFalse();
    }

    @Test
    void the_model_gives_the_customer_their_links_and_support_the_consoles() {
        MailModel customer = new MailModel(Map.of("requestPageUrl", "https://evil.example"), "UA-1", "s", links, "r-1",
                Template.Audience.CUSTOMER);
        MailModel support = new MailModel(Map.of(), "UA-1", "s", links, "r-1", Template.Audience.ENGINEER);

        assertThat(customer.requestPageUrl()).isEqualTo(links.requestPage("r-1"));
        assertThat(customer.runbookUrl()).isEqualTo(links.runbook("r-1"));
        assertThat(customer.consoleUrl()).isNull();
        assertThat(support.requestPageUrl()).isNull();
        assertThat(support.runbookUrl()).isNull();
        assertThat(support.consoleUrl()).isEqualTo(links.console("r-1"));
    }

    @Test
    void normalizing_a_text_body_does_what_the_regex_did() {
        java.util.Random random = new java.util.Random(22);
        char[] alphabet = {'\n', '\n', '\n', '\r', ' ', '\t', 'a', 'b', '\u2028'};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(24); i > 0; i--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String t = text.toString();
            assertThat(MailRenderer.normalize(t)).as(t.replace("\r", "\\r").replace("\n", "\\n"))
                    .isEqualTo(t.replace("\r\n", "\n").replaceAll("\n{3,}", "\n\n").strip() + "\n");
        }
    }

    @Test
    void a_template_missing_a_variable_it_needs_fails_with_its_name_and_no_value_of_the_model() {
        Map<String, Object> model = new HashMap<>(MailGoldenTest.base());
        model.put("requesterName", "Dana Secret-Name");
        model.put("start", null);

        assertThatThrownBy(() -> renderer.render(Template.CALL_BOOKED, MailRendererTest.REQUEST_ID, "UA-1", model))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call-booked.txt")
                .hasMessageNotContaining("Secret-Name");
    }

    @Test
    void the_plain_text_templates_write_values_as_they_are() {
        StringOutput output = new StringOutput();
        Map<String, Object> variables = new HashMap<>();
        variables.put("requesterName", "<b>Dana</b> & \"Co\"");
        CompiledTemplates.textOf(Template.COMPLETED).render(output, null,
                new MailModel(variables, "UA-1", "s", links, "r-1", Template.Audience.CUSTOMER));

        assertThat(output.toString()).startsWith("Hello <b>Dana</b> & \"Co\",\n");
    }
}
