package dev.upgradeassist.contracts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Within a version, producers may add fields. A consumer built against the older record must read
 * the newer JSON to the same event: unknown fields are ignored at the top level and in every nested
 * object, whatever their shape.
 */
class UnknownFieldsAreIgnoredTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.upgradeassist.contracts.GoldenFiles#typeIds")
    void unknownTopLevelFieldsAreIgnored(String typeId) {
        ObjectNode json = (ObjectNode) GoldenFiles.tree(typeId);
        addUnknownFields(json);

        DomainEvent event = read(typeId, json);

        assertThat(event).isEqualTo(GoldenFiles.event(typeId));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.upgradeassist.contracts.GoldenFiles#typeIds")
    void unknownFieldsInNestedObjectsAreIgnored(String typeId) {
        JsonNode json = GoldenFiles.tree(typeId);
        addUnknownFieldsToNestedObjects(json, true);

        DomainEvent event = read(typeId, json);

        assertThat(event).isEqualTo(GoldenFiles.event(typeId));
    }

    private static DomainEvent read(String typeId, JsonNode json) {
        return GoldenFiles.MAPPER.readValue(GoldenFiles.MAPPER.writeValueAsString(json), GoldenFiles.javaType(typeId));
    }

    /** Unknown fields of every JSON shape, as a later producer of the same version might add them. */
    private static void addUnknownFields(ObjectNode json) {
        json.put("futureText", "added in a later minor change");
        json.put("futureNumber", 42);
        json.put("futureFlag", true);
        json.putNull("futureNull");
        json.putArray("futureList").add("16.3.9").addObject().put("code", "FUTURE");
        json.putObject("futureObject").put("nested", "value").putObject("deeper").put("level", 3);
    }

    /** Adds unknown fields to every object below the root, including objects inside arrays. */
    private static void addUnknownFieldsToNestedObjects(JsonNode node, boolean root) {
        if (node instanceof ObjectNode object) {
            for (JsonNode child : object.values()) {
                addUnknownFieldsToNestedObjects(child, false);
            }
            if (!root) {
                addUnknownFields(object);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node.values()) {
                addUnknownFieldsToNestedObjects(element, false);
            }
        }
    }
}
