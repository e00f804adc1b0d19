package dev.upgradeassist.contracts;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The golden JSON files ({@code src/test/resources/golden/<TypeId>.json}) and the mapper that reads
 * them the way every consumer must: unknown properties ignored, everything else Jackson 3 defaults.
 */
final class GoldenFiles {

    static final String DIRECTORY = "golden";

    /** Configured like a consumer: a field added later within the version must not break it. */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private GoldenFiles() {
    }

    /** Every registered type id, for {@code @MethodSource}. */
    static Stream<String> typeIds() {
        return EventTypes.all().keySet().stream();
    }

    static String resourceName(String typeId) {
        return DIRECTORY + "/" + typeId + ".json";
    }

    static URL resource(String typeId) {
        return GoldenFiles.class.getClassLoader().getResource(resourceName(typeId));
    }

    static String text(String typeId) {
        try (InputStream in = GoldenFiles.class.getClassLoader().getResourceAsStream(resourceName(typeId))) {
            if (in == null) {
                throw new IllegalStateException("No golden file " + resourceName(typeId) + " on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String typeId) {
        return MAPPER.readTree(text(typeId));
    }

    static DomainEvent event(String typeId) {
        return MAPPER.readValue(text(typeId), javaType(typeId));
    }

    static Class<? extends DomainEvent> javaType(String typeId) {
        return EventTypes.byTypeId(typeId)
                .orElseThrow(() -> new IllegalArgumentException("Not a registered type id: " + typeId))
                .javaType();
    }

    /** The file names in the golden directory, e.g. {@code PlanApproved.v1.json}. */
    static List<String> fileNames() {
        URL directory = GoldenFiles.class.getClassLoader().getResource(DIRECTORY);
        if (directory == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
