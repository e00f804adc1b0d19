package dev.upgradeassist.contracts;

import dev.upgradeassist.contracts.EventTypes.EventType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/events.md} is the catalog other teams read: every registered type has a row with its
 * topic and a section whose JSON example is its golden file.
 */
class DocumentedEventsTest {

    private static final Path CATALOG = Path.of(System.getProperty("basedir", "."))
            .resolve("../docs/events.md")
            .normalize();

    private static List<String> lines;

    @BeforeAll
    static void readCatalog() throws IOException {
        assertThat(CATALOG).as("the event catalog").exists();
        lines = Files.readAllLines(CATALOG);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.upgradeassist.contracts.GoldenFiles#typeIds")
    void catalogTableNamesTheTypeAndItsTopic(String typeId) {
        EventType type = EventTypes.byTypeId(typeId).orElseThrow();

        assertThat(lines)
                .as("a catalog row for %s", typeId)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("| [`" + typeId + "`]")
                        .contains("`" + type.topic() + "`"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.upgradeassist.contracts.GoldenFiles#typeIds")
    void exampleInTheCatalogIsTheGoldenFile(String typeId) {
        String example = exampleOf(typeId);

        assertThat(GoldenFiles.MAPPER.readTree(example))
                .as("the JSON example under `%s` in %s", typeId, CATALOG)
                .isEqualTo(GoldenFiles.tree(typeId));
    }

    /** The first {@code ```json} block after the type's heading, before the next heading. */
    private static String exampleOf(String typeId) {
        int heading = lines.indexOf("#### `" + typeId + "`");
        assertThat(heading).as("a section headed #### `%s`", typeId).isNotNegative();
        StringBuilder json = new StringBuilder();
        boolean inBlock = false;
        for (String line : lines.subList(heading + 1, lines.size())) {
            if (!inBlock && line.startsWith("#")) {
                break;
            }
            if (!inBlock && line.equals("```json")) {
                inBlock = true;
            } else if (inBlock && line.equals("```")) {
                return json.toString();
            } else if (inBlock) {
                json.append(line).append('\n');
            }
        }
        throw new AssertionError("No ```json example in the section of " + typeId + " in " + CATALOG);
    }
}
