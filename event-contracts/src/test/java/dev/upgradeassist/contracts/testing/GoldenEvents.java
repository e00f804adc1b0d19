package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.DomainEvent;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads an event's golden file ({@code golden/<Type>.v1.json}, in this test-jar) as the record it describes. */
final class GoldenEvents {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private GoldenEvents() {
    }

    static <E extends DomainEvent> E read(Class<E> type) {
        String resource = "golden/" + type.getSimpleName() + ".v1.json";
        try (InputStream in = GoldenEvents.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No golden file " + resource + " on the test classpath");
            }
            return MAPPER.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
