package dev.upgradeassist.notification.templates;

import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;
import dev.upgradeassist.notification.RequestFlow;
import dev.upgradeassist.notification.ledger.MailRequest;
import dev.upgradeassist.notification.moments.EveryMoment;
import dev.upgradeassist.platform.links.CustomerPageTokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regression test of the mail templates: every template, rendered through {@link MailRenderer#render} with many
 * models, says exactly what the golden files {@code src/test/resources/golden-mail/<file>.txt|.html} say. The golden
 * files were written with the Thymeleaf templates the service had before its templates were compiled with jte
 * (ADR 0019), so they hold what every email said then, in every branch.
 * <p>
 * The models of every template: the full model of {@link MailRendererTest} with a few more values ({@code full});
 * that model with one variable at a time null ({@code null x}), a text empty ({@code blank x}), a boolean flipped ({@code flip x}), a list empty
 * ({@code empty x}) or a time without the customer's zone ({@code utc x}); every time in UTC, every boolean flipped, every
 * person's text and link hostile ({@code <b>}, {@code &}, quotes); as many variables emptied as the template takes
 * without failing ({@code sparse}); and the models the real moments make of every event of two requests' flows
 * ({@code flow}). A case missing from a golden file rendered that body exactly as {@code full}; {@code == x} as case
 * {@code x}; {@code !! throws} means the rendering failed (a variable the template needs was null), and it must fail
 * still.
 * <p>
 * Text bodies must be equal character for character; HTML bodies after collapsing runs of whitespace (a template
 * engine may leave blank lines where a condition was). Run with {@code -Dgolden.write=true} to write the golden files
 * anew, only ever knowingly: a template's change of wording is then reviewed in the diff of its golden file.
 */
public class MailGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden-mail");
    static final String THROWS = "!! throws";
    private static final String SAME = "== ";
    private static final String HEADER = "##### ";

    private final MailRenderer renderer = new MailRenderer(new RequestLinks(new CustomerPageTokens(MailRendererTest.SECRET),
            MailRendererTest.WEB + "/"));

    @Test
    void every_template_says_in_every_branch_what_its_golden_files_say() {
        boolean write = Boolean.getBoolean("golden.write");
        List<Flow> flows = List.of(flow("standard", RequestFlow.request(), "Looks good.\n\nKeep the backup."),
                flow("hostile", RequestFlow.named("<b>Dana</b> & \"Co\" 'x'"),
                        "<script>alert('x')</script>\r\n\r\nsecond & \"last\" line\u2028<i>third</i>"));
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (Template template : Template.values()) {
            Map<String, Rendering> rendered = new LinkedHashMap<>();
            Rendering full = render(template, MailRendererTest.REQUEST_ID, base());
            rendered.put("full", full);
            for (Map.Entry<String, Map<String, Object>> variant : variants().entrySet()) {
                rendered.put(variant.getKey(), render(template, MailRendererTest.REQUEST_ID, variant.getValue()));
            }
            rendered.put("request a b/c", render(template, "a b/c", base()));
            for (Flow flow : flows) {
                int n = 0;
                for (MailRequest mail : flow.mails) {
                    if (mail.template() == template) {
                        rendered.put("flow " + flow.name + " " + (++n),
                                render(template, "r-flow", "UA-FLOW", flow.masked(mail.model())));
                    }
                }
            }
            if (write) {
                List<String> emptied = sparse(template);
                rendered.put(sparseName(emptied), render(template, MailRendererTest.REQUEST_ID, emptied(emptied)));
                writeGolden(template, rendered, full);
                continue;
            }
            Map<String, String> text = readGolden(template.file() + ".txt");
            Map<String, String> html = readGolden(template.file() + ".html");
            String sparse = text.keySet().stream().filter(name -> name.startsWith("sparse")).findFirst().orElse(null);
            if (sparse == null) {
                failures.add(template.file() + ": no sparse case in the golden file");
            } else {
                rendered.put(sparse, render(template, MailRendererTest.REQUEST_ID, emptied(parseSparse(sparse))));
            }
            for (String name : union(text.keySet(), html.keySet())) {
                if (!rendered.containsKey(name)) {
                    failures.add(template.file() + " [" + name + "]: a golden case this test no longer renders");
                }
            }
            for (Map.Entry<String, Rendering> entry : rendered.entrySet()) {
                cases++;
                String name = entry.getKey();
                Rendering actual = entry.getValue();
                String expectedText = text.getOrDefault(name, text.get("full"));
                String expectedHtml = html.getOrDefault(name, html.get("full"));
                if (THROWS.equals(expectedText)) {
                    if (!actual.threw()) {
                        failures.add(template.file() + " [" + name + "]: rendered, but failed before");
                    }
                    continue;
                }
                if (actual.threw()) {
                    failures.add(template.file() + " [" + name + "]: failed (" + actual.error() + "), rendered before");
                    continue;
                }
                if (!Objects.equals(expectedText, actual.text())) {
                    failures.add(template.file() + ".txt [" + name + "]: " + difference(expectedText, actual.text()));
                }
                if (!Objects.equals(collapsed(expectedHtml), collapsed(actual.html()))) {
                    failures.add(template.file() + ".html [" + name + "]: "
                            + difference(collapsed(expectedHtml), collapsed(actual.html())));
                }
            }
        }
        if (!write) {
            System.out.printf("golden mails: %d cases of %d emails compared%n", cases, Template.values().length);
            assertThat(cases).as("cases rendered").isGreaterThan(Template.values().length * 50);
        }
        assertThat(failures).as(failures.size() + " differences from the golden mails").isEmpty();
    }

    // ---- the models -------------------------------------------------------------------------------------------

    /** The full model of {@link MailRendererTest}, with the variables only some moments set. */
    public static Map<String, Object> base() {
        Map<String, Object> model = MailRendererTest.fullModel();
        model.put("manageUrl", "https://upgrade-assist.example/calls/secret-token");
        model.put("meetingUrl", "https://meet.example/sam?a=1&b=2");
        model.put("invitation", true);
        model.put("previousStart", ShownTime.of(Instant.parse("2026-12-12T03:00:00Z"), "America/New_York"));
        model.put("reissuedBy", "alice");
        model.put("dataChanged", false);
        model.put("byCustomer", true);
        return model;
    }

    /** Every variant of the full model but the sparse one, by name. */
    static Map<String, Map<String, Object>> variants() {
        Map<String, Object> base = base();
        Map<String, Map<String, Object>> variants = new LinkedHashMap<>();
        for (String key : new TreeSet<>(base.keySet())) {
            Object value = base.get(key);
            variants.put("null " + key, with(key, null));
            if (value instanceof String) {
                variants.put("blank " + key, with(key, ""));
            }
            if (value instanceof Boolean b) {
                variants.put("flip " + key, with(key, !b));
            }
            if (value instanceof List<?> list && !list.isEmpty()) {
                variants.put("empty " + key, with(key, List.of()));
            }
            if (value instanceof ShownTime time && time.hasLocal()) {
                variants.put("utc " + key, with(key, utc(time)));
            }
        }
        variants.put("utc all", mapped(value -> value instanceof ShownTime time ? utc(time) : value));
        variants.put("flip all", mapped(value -> value instanceof Boolean b ? !b : value));
        Map<String, Object> hostile = new HashMap<>();
        base.forEach((key, value) -> hostile.put(key, hostile(key, value)));
        variants.put("hostile", hostile);
        return variants;
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> model = base();
        model.put(key, value);
        return model;
    }

    private static Map<String, Object> mapped(UnaryOperator<Object> change) {
        Map<String, Object> model = base();
        model.replaceAll((key, value) -> change.apply(value));
        return model;
    }

    private static ShownTime utc(ShownTime time) {
        return new ShownTime(time.utc(), time.utc(), time.iso());
    }

    /** A person's text or a link with markup, an ampersand, both quotes and some non-ASCII. */
    static Object hostile(String key, Object value) {
        if (value instanceof String s) {
            if (key.toLowerCase().endsWith("url")) {
                return s + (s.contains("?") ? "&" : "?") + "q='1'&r=\"2\"<3>";
            }
            return "<b>" + s + "</b> & \"Co\" 'x' \u00e9\u2013\u2713";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> {
                if (item instanceof String s) {
                    return "<i>" + s + "</i> & 'q' \"z\"";
                }
                if (item instanceof Deficiency d) {
                    return new Deficiency(d.code(), d.field() == null ? null : "<f>" + d.field(), "<m>" + d.message() + " & \"q\"",
                            d.hint() == null ? null : "<h>" + d.hint() + " 'a'");
                }
                if (item instanceof Finding f) {
                    return new Finding(f.code(), f.severity(), "<m>" + f.message() + " & 'q'");
                }
                return item;
            }).toList();
        }
        return value;
    }

    /** The value of {@code key} emptied: false, an empty list or null. */
    private static Object emptiedValue(Object value) {
        if (value instanceof Boolean) {
            return false;
        }
        if (value instanceof List<?>) {
            return List.of();
        }
        return null;
    }

    private static Map<String, Object> emptied(List<String> keys) {
        Map<String, Object> model = base();
        for (String key : keys) {
            model.put(key, emptiedValue(model.get(key)));
        }
        return model;
    }

    /** As many variables emptied (in the order of their names) as the template takes without failing. */
    private List<String> sparse(Template template) {
        List<String> emptied = new ArrayList<>();
        for (String key : new TreeSet<>(base().keySet())) {
            emptied.add(key);
            if (render(template, MailRendererTest.REQUEST_ID, emptied(emptied)).threw()) {
                emptied.remove(emptied.size() - 1);
            }
        }
        return emptied;
    }

    private static String sparseName(List<String> emptied) {
        return "sparse " + String.join(",", emptied);
    }

    private static List<String> parseSparse(String name) {
        String keys = name.substring("sparse".length()).strip();
        return keys.isEmpty() ? List.of() : Arrays.asList(keys.split(","));
    }

    // ---- the flows of the moments -----------------------------------------------------------------------------

    private static Flow flow(String name, RequestFlow request, String text) {
        Instant from = Instant.now();
        List<MailRequest> mails = EveryMoment.of(request, text);
        Instant to = Instant.now();
        return new Flow(name, request, mails, from, to);
    }

    /**
     * The emails of a request's flow with what is random or the time of the test masked: the ids, the tokens, the
     * times of "now"; so that the golden files stay the same from run to run.
     */
    private record Flow(String name, RequestFlow request, List<MailRequest> mails, Instant from, Instant to) {

        Map<String, Object> masked(Map<String, Object> model) {
            Map<String, Object> masked = new HashMap<>();
            model.forEach((key, value) -> masked.put(key, mask(value)));
            return masked;
        }

        private Object mask(Object value) {
            if (value instanceof String s) {
                String tag = request.requestId.substring(0, 8);
                return s.replace(request.requestId, "r-flow").replace(request.ticketId, "UA-FLOW")
                        .replace(request.manageUrl, "https://upgrade-assist.example/calls/MANAGE")
                        .replace(request.callId, "call-FLOW").replace(tag, "flowtag").replace(tag.toUpperCase(), "FLOWTAG")
                        .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID");
            }
            if (value instanceof List<?> list) {
                return list.stream().map(this::mask).toList();
            }
            if (value instanceof ShownTime time) {
                Instant instant = Instant.parse(time.iso());
                if (!instant.isBefore(from) && !instant.isAfter(to)) {
                    return new ShownTime(time.hasLocal() ? "NOW (local)" : "NOW (UTC)", "NOW (UTC)", "NOW");
                }
            }
            return value;
        }
    }

    // ---- rendering and comparing ------------------------------------------------------------------------------

    record Rendering(String text, String html, String error) {
        boolean threw() {
            return error != null;
        }
    }

    private Rendering render(Template template, String requestId, Map<String, Object> model) {
        return render(template, requestId, "UA-1", model);
    }

    private Rendering render(Template template, String requestId, String ticketId, Map<String, Object> model) {
        try {
            RenderedMail mail = renderer.render(template, requestId, ticketId, new HashMap<>(model));
            return new Rendering(mail.text(), mail.html(), null);
        } catch (RuntimeException e) {
            return new Rendering(null, null, e.getClass().getSimpleName());
        }
    }

    /** The HTML with every run of whitespace made one space. */
    static String collapsed(String html) {
        return html == null ? null : html.replaceAll("\\s+", " ").strip();
    }

    private static String difference(String expected, String actual) {
        if (expected == null || actual == null) {
            return "expected " + expected + " but was " + actual;
        }
        int at = 0;
        while (at < expected.length() && at < actual.length() && expected.charAt(at) == actual.charAt(at)) {
            at++;
        }
        int from = Math.max(0, at - 60);
        return "at " + at + ": expected «" + expected.substring(from, Math.min(expected.length(), at + 60))
                + "» but was «" + actual.substring(from, Math.min(actual.length(), at + 60)) + "»";
    }

    // ---- the golden files -------------------------------------------------------------------------------------

    /**
     * Writes, in each file, the cases whose body differs from {@code full}'s (and {@code full}, and the sparse case in
     * the text file, whose name says its model); a body that an earlier case of the file has already is written as
     * {@code == <that case>}.
     */
    private static void writeGolden(Template template, Map<String, Rendering> rendered, Rendering full) {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        Map<String, String> textSeen = new HashMap<>();
        Map<String, String> htmlSeen = new HashMap<>();
        for (Map.Entry<String, Rendering> entry : rendered.entrySet()) {
            String name = entry.getKey();
            Rendering r = entry.getValue();
            String textBody = r.threw() ? THROWS : r.text();
            String htmlBody = r.threw() ? THROWS : r.html();
            boolean always = name.equals("full") || name.startsWith("sparse");
            if (always || !textBody.equals(full.text())) {
                section(text, name, textSeen, textBody);
            }
            if (name.equals("full") || !htmlBody.equals(full.html())) {
                section(html, name, htmlSeen, htmlBody);
            }
        }
        try {
            Files.createDirectories(GOLDEN);
            Files.writeString(GOLDEN.resolve(template.file() + ".txt"), text, StandardCharsets.UTF_8);
            Files.writeString(GOLDEN.resolve(template.file() + ".html"), html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void section(StringBuilder file, String name, Map<String, String> seen, String content) {
        String earlier = seen.putIfAbsent(content, name);
        section(file, name, earlier == null ? content : SAME + earlier);
    }

    private static void section(StringBuilder file, String name, String content) {
        file.append(HEADER).append(name).append('\n').append(content);
        if (!content.endsWith("\n")) {
            file.append('\n');
        }
    }

    /** The cases of a golden file by name; a case's content ends with a line end, but {@code !! throws}. */
    private static Map<String, String> readGolden(String file) {
        String all;
        try {
            all = Files.readString(GOLDEN.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> cases = new LinkedHashMap<>();
        String name = null;
        StringBuilder content = new StringBuilder();
        for (String line : all.split("\n", -1)) {
            if (line.startsWith(HEADER)) {
                if (name != null) {
                    cases.put(name, golden(content));
                }
                name = line.substring(HEADER.length());
                content.setLength(0);
            } else if (name != null) {
                content.append(line).append('\n');
            }
        }
        if (name != null) {
            cases.put(name, golden(content));
        }
        cases.replaceAll((key, value) -> value.startsWith(SAME) && value.indexOf('\n') == value.length() - 1
                ? cases.get(value.substring(SAME.length(), value.length() - 1)) : value);
        return cases;
    }

    private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> union = new TreeSet<>(a);
        union.addAll(b);
        return union;
    }

    private static String golden(StringBuilder content) {
        // the last line end of the file's last case is the split's, not the case's
        String value = content.toString();
        if (value.endsWith("\n\n") || value.equals("\n")) {
            value = value.substring(0, value.length() - 1);
        }
        return value.equals(THROWS + "\n") ? THROWS : value;
    }
}
