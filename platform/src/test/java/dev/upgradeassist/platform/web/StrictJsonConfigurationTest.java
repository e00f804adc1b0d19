package dev.upgradeassist.platform.web;

import dev.upgradeassist.contracts.model.Form;
import dev.upgradeassist.contracts.model.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The request-body mapper as every service configures it: strict about types, enum names and nesting. */
class StrictJsonConfigurationTest {

    private final JsonMapper mapper = strictMapper();

    record Body(Form form) {
    }

    private static JsonMapper strictMapper() {
        JsonMapper.Builder builder = JsonMapper.builder();
        new StrictJsonConfiguration().strictRequestBodies().customize(builder);
        return builder.build();
    }

    @Test
    void an_exact_enum_name_is_read() {
        assertThat(mapper.readValue("{\"form\":\"STANDARD\"}", Body.class).form()).isEqualTo(Form.STANDARD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"STANDARD\\u0000", "\\u0000STANDARD", "STANDARD ", " STANDARD", "STANDARD\\n",
            "STANDARD\\u0001", "STANDARD\\u00a0", "STANDARD\\u2028", "standard"})
    void an_enum_name_with_anything_around_it_is_refused(String value) {
        assertThatThrownBy(() -> mapper.readValue("{\"form\":\"" + value + "\"}", Body.class))
                .isInstanceOf(JacksonException.class);
    }

    @Test
    void a_list_of_names_holds_names_not_nested_arrays_or_objects() {
        assertThat(mapper.readValue("{\"name\":\"db-1\",\"roles\":[\"postgres\"]}", Node.class).roles())
                .containsExactly("postgres");
        assertThatThrownBy(() -> mapper.readValue("{\"name\":\"db-1\",\"roles\":[[\"postgres\"]]}", Node.class))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"name\":\"db-1\",\"roles\":[{\"a\":1}]}", Node.class))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"name\":[\"db-1\"],\"roles\":[]}", Node.class))
                .isInstanceOf(JacksonException.class);
        // inside a list of objects Jackson's own string reader took [["postgres"]] as "postgres" and left the parser
        // behind: the list gained an empty node instead of failing
        assertThatThrownBy(() -> mapper.readValue("[{\"name\":\"db-1\",\"roles\":[[\"postgres\"]]}]", Node[].class))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> mapper.readValue("[{\"name\":\"db-1\",\"roles\":[1]}]", Node[].class))
                .isInstanceOf(JacksonException.class);
    }
}
