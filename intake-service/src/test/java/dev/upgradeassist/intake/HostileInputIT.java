package dev.upgradeassist.intake;

import dev.upgradeassist.intake.support.IntakeApiSupport;
import dev.upgradeassist.intake.support.IntakeClient;
import dev.upgradeassist.intake.support.Submissions;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz-style: hundreds of generated malformed and hostile bodies. Every invalid one gets a 4xx
 * problem (never a 5xx, never a stack trace), and none of them stores anything: no request, no
 * idempotency key, no amendment of an existing request.
 */
@IntegrationTest
class HostileInputIT extends IntakeApiSupport {

    private static final long SEED = Long.getLong("fuzz.seed", 20261201L);
    private static final int PER_KIND = 40;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<String> ENUM_FIELDS = List.of("form", "region", "edition", "architecture.installMethod",
            "architecture.topology", "outOfScopeChanges[0]");
    private static final List<String> STRING_FIELDS = List.of("organizationId", "requester.name", "requester.email",
            "contactEmail", "currentVersion", "targetVersion", "architecture.operatingSystem", "architecture.notes",
            "upgradePlan.document", "rollbackPlan.restoreSteps", "maintenanceWindow.start", "maintenanceWindow.timeZone",
            "additionalInfo", "architecture.nodes[0].name", "upgradePlan.hops[0]");
    private static final List<String> BOOLEAN_FIELDS = List.of("testedInStaging", "wantsReviewCall",
            "environment.multipleRailsNodes", "upgradePlan.zeroDowntime", "rollbackPlan.tested", "rollbackPlan.backsUpData");
    private static final List<String> INTEGER_FIELDS = List.of("maintenanceWindow.durationMinutes",
            "rollbackPlan.estimatedMinutes");
    private static final List<String> LIST_FIELDS = List.of("upgradePlan.hops", "architecture.nodes",
            "architecture.externalServices", "outOfScopeChanges", "upgradePlan.preUpgradeChecks", "architecture.geoSites",
            "architecture.nodes[0].roles");
    private static final List<String> OBJECT_FIELDS = List.of("requester", "architecture", "environment", "upgradePlan",
            "rollbackPlan", "maintenanceWindow");
    private static final List<String> VERSION_FIELDS = List.of("currentVersion", "targetVersion", "upgradePlan.hops[1]");
    private static final List<String> EMAIL_FIELDS = List.of("contactEmail", "requester.email");
    private static final Map<String, Integer> HEADER_FIELDS = new LinkedHashMap<>();

    static {
        HEADER_FIELDS.put("requester.name", 200);
        HEADER_FIELDS.put("requester.email", 254);
        HEADER_FIELDS.put("contactEmail", 254);
        HEADER_FIELDS.put("organizationId", 64);
        HEADER_FIELDS.put("maintenanceWindow.timeZone", 64);
        HEADER_FIELDS.put("maintenanceWindow.start", 64);
        HEADER_FIELDS.put("architecture.operatingSystem", 200);
        HEADER_FIELDS.put("architecture.nodes[0].name", 200);
        HEADER_FIELDS.put("architecture.nodes[0].roles[0]", 200);
        HEADER_FIELDS.put("architecture.externalServices[0]", 200);
        HEADER_FIELDS.put("architecture.geoSites[0]", 200);
    }

    private static final String[] LINE_BREAKERS = {"\r", "\n", "\r\n", "\u0000", "\u0085", "\u2028", "\u2029", "\t",
            "\u001b", "\u007f", "\r\nBcc: victim@evil.example\r\n"};
    private static final String[] BAD_VERSIONS = {"17", "17.3", "17.3.7.1", "v17.3.7", "17.3.x", " 17.3.7", "17.03.7",
            "17.3.7\n", "\uff11\uff17.3.7", "12345.1.1", "", "-1.0.0", "17..7", "latest", "17.3.7-ee", "1e3.1.1"};
    private static final String[] BAD_EMAILS = {"dana", "dana@", "@acme.example", "dana@acme", "dana acme@x.example",
            "dana@acme..example", "Dana <d@a.example>", "d@a.example,e@b.example", "d@a.example\r\nBcc: x@y.example",
            "\"quoted\"@a.example", "dana@-acme.example", "dana@acme.example.", "da\u0000na@acme.example", "dana@@acme.example",
            "dana@acme.e", "dana@acme.example\n"};

    private final Random random = new Random(SEED);

    record Case(String kind, String method, String contentType, byte[] body, String idempotencyKey) {

        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return kind + " " + method + " " + (text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + ")" : text);
        }
    }

    @Test
    void hundreds_of_malformed_and_hostile_bodies_get_a_4xx_and_leave_nothing_half_stored() {
        String existing = submitted(Submissions.complete());
        awaitTimeline(existing, 1);
        List<Case> cases = generate();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(500);
        long requestsBefore = mongo.getCollection("upgrade_requests").countDocuments();
        long keysBefore = mongo.getCollection("idempotency_keys").countDocuments();

        Map<String, Integer> statuses = new java.util.TreeMap<>();
        for (Case c : cases) {
            String path = c.method().equals("PUT") ? REQUESTS + "/" + existing : REQUESTS;
            HttpRequest.Builder builder = client().request(path, TestTokens.PORTAL)
                    .method(c.method(), HttpRequest.BodyPublishers.ofByteArray(c.body()));
            if (c.contentType() != null) {
                builder.header("Content-Type", c.contentType());
            }
            if (c.idempotencyKey() != null) {
                builder.header("Idempotency-Key", c.idempotencyKey());
            }
            IntakeClient.Response response = client().send(builder.build());

            assertThat(response.status()).as(c + " -> " + response.body()).isBetween(400, 499);
            assertThat(response.status()).as(c.toString()).isNotIn(401, 403, 404);
            assertThat(response.contentType()).as(c.toString()).startsWith("application/problem+json");
            assertThat(response.body()).as(c.toString())
                    .doesNotContain("Exception", "\tat ", "tools.jackson", "org.springframework", "dev.upgradeassist");
            statuses.merge(c.kind() + ":" + response.status(), 1, Integer::sum);
        }

        assertThat(mongo.getCollection("upgrade_requests").countDocuments()).isEqualTo(requestsBefore);
        assertThat(mongo.getCollection("idempotency_keys").countDocuments()).isEqualTo(keysBefore);
        assertThat(mongo.findById(existing, org.bson.Document.class, "upgrade_requests").getInteger("revision")).isEqualTo(1);
        assertThat(intakeEvents(existing, "RequestAmended.v1")).isEmpty();
        System.out.println("Hostile input: " + cases.size() + " cases, seed " + SEED + ", statuses " + statuses);
    }

    @Test
    void hostile_but_readable_values_are_stored_as_given_without_a_5xx() {
        List<ObjectNode> bodies = List.of(
                Submissions.complete().put("additionalInfo", "{\"$where\": \"sleep(1000)\"}"),
                Submissions.complete().put("additionalInfo", "<script>alert(1)</script>"),
                Submissions.complete().put("additionalInfo", "\ud800 lone surrogate \udfff"),
                Submissions.complete().put("additionalInfo", "z".repeat(200_000)),
                Submissions.complete().put("additionalInfo", "null\u0000byte"),
                name(Submissions.complete(), "D\u202Eana \uD83D\uDE80 O'Brien-Ops"),
                Submissions.complete().put("organizationId", "acme").put("contactEmail", "o'brien+ops@acme.example"));
        for (ObjectNode body : bodies) {
            IntakeClient.Response response = submit(body);
            assertThat(response.status()).as(response.body()).isEqualTo(202);
            String id = response.json().get("id").asString();
            awaitTimeline(id, 1);
        }
    }

    private List<Case> generate() {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < PER_KIND; i++) {
            cases.add(json("unknown-enum", set(base(), pick(ENUM_FIELDS), NODES.stringNode(unknownEnumValue()))));
            cases.add(json("wrong-type", wrongType()));
            cases.add(json("bad-version", set(base(), pick(VERSION_FIELDS), NODES.stringNode(pick(BAD_VERSIONS)))));
            cases.add(json("bad-email", set(base(), pick(EMAIL_FIELDS), NODES.stringNode(pick(BAD_EMAILS)))));
            cases.add(json("header-injection", headerInjection()));
            cases.add(json("huge-header-field", hugeHeaderField()));
            cases.add(raw("deep-nesting", deepNesting()));
            cases.add(raw("broken-syntax", brokenSyntax()));
            cases.add(json("missing-required", missingRequired()));
            cases.add(raw("not-an-object", pick(new String[]{"[]", "[{}]", "\"text\"", "123", "true", "null", "", " ",
                    "[" + base() + "]"}).getBytes(StandardCharsets.UTF_8)));
            cases.add(json("too-large", base().put("additionalInfo", "x".repeat(256 * 1024 + random.nextInt(150_000)))));
            cases.add(json("unknown-organization", base().put("organizationId", "org-" + UUID.randomUUID())));
            cases.add(json("null-in-list", nullInList()));
            cases.add(new Case("wrong-content-type", "POST", pick(new String[]{"text/plain", "application/xml",
                    "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null}),
                    base().toString().getBytes(StandardCharsets.UTF_8), key()));
            cases.add(raw("invalid-utf8", invalidUtf8()));
            cases.add(raw("duplicate-key", duplicateKey()));
        }
        return cases;
    }

    private Case json(String kind, ObjectNode body) {
        return raw(kind, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Case raw(String kind, byte[] body) {
        return new Case(kind, random.nextInt(5) == 0 ? "PUT" : "POST", "application/json", body, key());
    }

    private String key() {
        return random.nextInt(3) == 0 ? UUID.randomUUID().toString() : null;
    }

    /** A complete valid body with one element in every list, so that paths like geoSites[0] exist. */
    private ObjectNode base() {
        ObjectNode body = Submissions.complete("fuzz-" + UUID.randomUUID());
        ((ArrayNode) body.get("architecture").get("geoSites")).add("geo-eu-west");
        ((ArrayNode) body.get("outOfScopeChanges")).add("SCALING");
        return body;
    }

    private String unknownEnumValue() {
        return pick(new String[]{"standard", "Standard", "", " ", "STANDARD ", "0", "1", "MARS", "\uff33TANDARD", "EE\n",
                "null", "AMER,EMEA", "LINUX-PACKAGE", UUID.randomUUID().toString(), "x".repeat(1 + random.nextInt(5000))});
    }

    private ObjectNode wrongType() {
        ObjectNode body = base();
        switch (random.nextInt(5)) {
            case 0 -> set(body, pick(STRING_FIELDS), pick(List.of(NODES.numberNode(random.nextInt()), NODES.booleanNode(true),
                    NODES.objectNode().put("a", 1), NODES.arrayNode().add("x"), NODES.numberNode(1.5))));
            case 1 -> set(body, pick(BOOLEAN_FIELDS), pick(List.of(NODES.stringNode("true"), NODES.stringNode("yes"),
                    NODES.numberNode(1), NODES.numberNode(0), NODES.objectNode(), NODES.arrayNode().add(true), NODES.stringNode(""))));
            case 2 -> set(body, pick(INTEGER_FIELDS), pick(List.of(NODES.stringNode("240"), NODES.numberNode(1.5),
                    NODES.numberNode(1e30), NODES.numberNode(99_999_999_999L), NODES.booleanNode(false), NODES.arrayNode().add(1),
                    NODES.stringNode(""), NODES.objectNode().put("minutes", 1))));
            case 3 -> set(body, pick(LIST_FIELDS), pick(List.of(NODES.stringNode("16.3.9"), NODES.numberNode(3),
                    NODES.objectNode().put("0", "x"), NODES.booleanNode(true), NODES.stringNode(""))));
            default -> set(body, pick(OBJECT_FIELDS), pick(List.of(NODES.stringNode("x"), NODES.numberNode(1),
                    NODES.arrayNode(), NODES.arrayNode().add(NODES.objectNode()), NODES.booleanNode(false), NODES.stringNode(""))));
        }
        return body;
    }

    private ObjectNode headerInjection() {
        List<String> fields = new ArrayList<>(HEADER_FIELDS.keySet());
        String field = pick(fields);
        ObjectNode body = base();
        String value = get(body, field);
        int at = random.nextInt(value.length() + 1);
        return set(body, field, NODES.stringNode(value.substring(0, at) + pick(LINE_BREAKERS) + value.substring(at)));
    }

    private ObjectNode hugeHeaderField() {
        List<String> fields = new ArrayList<>(HEADER_FIELDS.keySet());
        String field = pick(fields);
        int length = HEADER_FIELDS.get(field) + 1 + random.nextInt(150_000);
        String filler = field.toLowerCase().contains("email") ? "a".repeat(length) + "@acme.example" : "A".repeat(length);
        return set(base(), field, NODES.stringNode(filler));
    }

    /** Nesting built as text: the depth goes past what any JSON writer (or Jackson's reader) allows. */
    private byte[] deepNesting() {
        int depth = 20 + random.nextInt(3000);
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (random.nextBoolean()) {
                open.append('[');
                close.insert(0, ']');
            } else {
                open.append("{\"a\":");
                close.insert(0, '}');
            }
        }
        String nested = open + (random.nextBoolean() ? "\"x\"" : "1") + close;
        ObjectNode body = base();
        String field;
        if (depth > 1000) {
            field = "unknownButDeep"; // ignored field, but past the parser's nesting limit
            body.put(field, "__DEEP__");
        } else {
            // an array or object where a string, a scalar or a node object belongs
            List<String> typed = new ArrayList<>(STRING_FIELDS);
            typed.addAll(List.of("form", "testedInStaging", "maintenanceWindow.durationMinutes"));
            field = pick(typed);
            set(body, field, NODES.stringNode("__DEEP__"));
            if (nested.startsWith("{") && field.equals("form")) {
                nested = "[" + nested + "]";
            }
        }
        return body.toString().replace("\"__DEEP__\"", nested).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] brokenSyntax() {
        String text = base().toString();
        String broken = switch (random.nextInt(9)) {
            case 0 -> text.substring(0, random.nextInt(text.length() - 1));
            case 1 -> text + " trailing";
            case 2 -> text + "{}";
            case 3 -> text.replace('"', '\'');
            case 4 -> text.replaceFirst("\"form\"", "form");
            case 5 -> text.replaceFirst("240", "NaN");
            case 6 -> text.replaceFirst("\\}$", ",}");
            case 7 -> text.replaceFirst("\\{", "{/* comment */");
            default -> {
                int quote = nthQuote(text, random.nextInt(40));
                yield text.substring(0, quote) + text.substring(quote + 1);
            }
        };
        return broken.getBytes(StandardCharsets.UTF_8);
    }

    private static int nthQuote(String text, int n) {
        int index = -1;
        for (int i = 0; i <= n; i++) {
            index = text.indexOf('"', index + 1);
        }
        return index;
    }

    private ObjectNode missingRequired() {
        ObjectNode body = base();
        switch (random.nextInt(8)) {
            case 0 -> body.remove("form");
            case 1 -> body.remove("organizationId");
            case 2 -> body.remove("requester");
            case 3 -> ((ObjectNode) body.get("requester")).remove("email");
            case 4 -> ((ObjectNode) body.get("requester")).remove("name");
            case 5 -> body.put("organizationId", pick(new String[]{"", "   "}));
            case 6 -> body.putNull(pick(new String[]{"form", "organizationId", "requester"}));
            default -> {
                body.remove("form");
                body.remove("organizationId");
                body.remove("requester");
            }
        }
        return body;
    }

    private ObjectNode nullInList() {
        ObjectNode body = base();
        String list = pick(List.of("upgradePlan.hops", "architecture.nodes", "architecture.externalServices",
                "outOfScopeChanges", "upgradePlan.preUpgradeChecks", "architecture.geoSites", "architecture.nodes[0].roles"));
        ((ArrayNode) node(body, list)).addNull();
        return body;
    }

    private byte[] invalidUtf8() {
        byte[] text = base().toString().getBytes(StandardCharsets.UTF_8);
        byte[][] garbage = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x28, (byte) 0x8C}};
        String marker = "Dana Ops";
        int at = new String(text, StandardCharsets.UTF_8).indexOf(marker) + random.nextInt(marker.length());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(text, 0, at);
        byte[] bad = garbage[random.nextInt(garbage.length)];
        out.write(bad, 0, bad.length);
        out.write(text, at, text.length - at);
        return out.toByteArray();
    }

    private byte[] duplicateKey() {
        String field = pick(new String[]{"form", "organizationId", "region", "additionalInfo"});
        String text = base().toString();
        return text.replaceFirst("\\{", "{\"" + field + "\":\"AMER\",").getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode name(ObjectNode body, String name) {
        ((ObjectNode) body.get("requester")).put("name", name);
        return body;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    // --- paths like "architecture.nodes[0].roles[0]" ---

    private static String get(ObjectNode root, String path) {
        return node(root, path).asString();
    }

    private static JsonNode node(JsonNode root, String path) {
        JsonNode current = root;
        for (String segment : path.split("\\.")) {
            int bracket = segment.indexOf('[');
            if (bracket < 0) {
                current = current.get(segment);
            } else {
                current = current.get(segment.substring(0, bracket))
                        .get(Integer.parseInt(segment.substring(bracket + 1, segment.length() - 1)));
            }
        }
        return current;
    }

    private static ObjectNode set(ObjectNode root, String path, JsonNode value) {
        int dot = path.lastIndexOf('.');
        JsonNode parent = dot < 0 ? root : node(root, path.substring(0, dot));
        String last = dot < 0 ? path : path.substring(dot + 1);
        int bracket = last.indexOf('[');
        if (bracket < 0) {
            ((ObjectNode) parent).set(last, value);
        } else {
            ArrayNode array = (ArrayNode) parent.get(last.substring(0, bracket));
            int index = Integer.parseInt(last.substring(bracket + 1, last.length() - 1));
            array.set(index, value);
        }
        return root;
    }
}
