package dev.upgradeassist.contracts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Golden JSON files guard the wire format of every event type and version: each one is a complete,
 * realistic example that must keep deserializing into the record and serializing back unchanged.
 * A record change that renames, retypes or drops a field fails here; an added field fails until its
 * golden file shows it.
 */
class GoldenEventsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.upgradeassist.contracts.GoldenFiles#typeIds")
    void everyRegisteredTypeHasAGoldenFile(String typeId) {
        assertThat(GoldenFiles.resource(typeId))
                .as("golden file src/test/resources/%s", GoldenFiles.resourceName(typeId))
                .isNotNull();
    }

    @Test
    void everyGoldenFileBelongsToARegisteredType() {
        assertThat(GoldenFiles.fileNames())
                .as("golden files without a type id in EventTypes")
                .allSatisfy(fileName -> {
                    assertThat(fileName).endsWith(".json");
                    String typeId = fileName.substring(0, fileName.length() - ".json".length());
                    assertThat(EventTypes.byTypeId(typeId)).as(typeId).isPresent();
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.upgradeassist.contracts.GoldenFiles#typeIds")
    void goldenFileDeserializesIntoTheRegisteredRecord(String typeId) {
        Class<? extends DomainEvent> javaType = GoldenFiles.javaType(typeId);

        DomainEvent event = GoldenFiles.event(typeId);

        assertThat(event).isInstanceOf(javaType);
        assertThat(EventTypes.of(event).typeId()).isEqualTo(typeId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.upgradeassist.contracts.GoldenFiles#typeIds")
    void goldenFileNamesExactlyTheRecordComponentsAtEveryLevel(String typeId) {
        List<String> problems = new ArrayList<>();

        compare(GoldenFiles.tree(typeId), GoldenFiles.javaType(typeId), "$", problems);

        assertThat(problems)
                .as("%s must name every record component (nested ones too), no other field, and no null,"
                        + " so that it stays a complete example of the record", GoldenFiles.resourceName(typeId))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.upgradeassist.contracts.GoldenFiles#typeIds")
    void serializingTheDeserializedGoldenFileGivesTheSameJson(String typeId) {
        DomainEvent event = GoldenFiles.event(typeId);

        JsonNode written = GoldenFiles.MAPPER.readTree(GoldenFiles.MAPPER.writeValueAsString(event));

        assertThat(written).isEqualTo(GoldenFiles.tree(typeId));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.upgradeassist.contracts.GoldenFiles#typeIds")
    void goldenEventCarriesTheCommonFields(String typeId) {
        DomainEvent event = GoldenFiles.event(typeId);

        assertThat(event.eventId()).as("eventId").isNotNull();
        assertThat(event.occurredAt()).as("occurredAt").isNotNull();
        assertThat(event.requestId()).as("requestId").isNotNull();
        assertThatCode(() -> UUID.fromString(event.eventId())).as("eventId is a UUID").doesNotThrowAnyException();
        assertThatCode(() -> UUID.fromString(event.requestId())).as("requestId is a UUID").doesNotThrowAnyException();
    }

    @Test
    void mapperWritesInstantsAsRfc3339UtcStrings() {
        Instant instant = Instant.parse("2026-12-01T10:15:30Z");

        String json = GoldenFiles.MAPPER.writeValueAsString(instant);

        assertThat(json)
                .as("Jackson 3 writes java.time values as ISO-8601 strings by default; if this fails, the"
                        + " default changed: disable DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS in GoldenFiles.MAPPER"
                        + " and in every service's mapper")
                .isEqualTo("\"2026-12-01T10:15:30Z\"");
    }

    /**
     * Walks the JSON alongside the record type: objects must have exactly the record's components,
     * arrays of records must hold at least one element (so that the element type is checked too),
     * and no value may be null.
     */
    private static void compare(JsonNode json, Type type, String path, List<String> problems) {
        if (json == null || json.isMissingNode() || json.isNull()) {
            problems.add(path + " is missing or null");
            return;
        }
        Class<?> rawType = rawType(type);
        if (rawType.isRecord()) {
            compareRecord(json, rawType, path, problems);
        } else if (Collection.class.isAssignableFrom(rawType)) {
            compareCollection(json, type, path, problems);
        }
    }

    private static void compareRecord(JsonNode json, Class<?> recordType, String path, List<String> problems) {
        if (!json.isObject()) {
            problems.add(path + " should be an object for " + recordType.getSimpleName());
            return;
        }
        RecordComponent[] components = recordType.getRecordComponents();
        Set<String> componentNames = new LinkedHashSet<>();
        Arrays.stream(components).forEach(component -> componentNames.add(component.getName()));
        for (String field : json.propertyNames()) {
            if (!componentNames.contains(field)) {
                problems.add(path + "." + field + " is not a component of " + recordType.getSimpleName());
            }
        }
        for (RecordComponent component : components) {
            compare(json.get(component.getName()), component.getGenericType(), path + "." + component.getName(), problems);
        }
    }

    private static void compareCollection(JsonNode json, Type type, String path, List<String> problems) {
        if (!json.isArray()) {
            problems.add(path + " should be an array");
            return;
        }
        Type elementType = type instanceof ParameterizedType parameterized
                ? parameterized.getActualTypeArguments()[0]
                : Object.class;
        if (rawType(elementType).isRecord() && json.isEmpty()) {
            problems.add(path + " should hold at least one " + rawType(elementType).getSimpleName());
        }
        for (int i = 0; i < json.size(); i++) {
            compare(json.get(i), elementType, path + "[" + i + "]", problems);
        }
    }

    private static Class<?> rawType(Type type) {
        if (type instanceof Class<?> clazz) {
            return clazz;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return Object.class;
    }
}
