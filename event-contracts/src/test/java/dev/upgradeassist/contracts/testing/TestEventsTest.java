package dev.upgradeassist.contracts.testing;

import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.contracts.EventTypes;
import dev.upgradeassist.contracts.PlanApproved;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TestEventsTest {

    @Test
    void there_is_a_builder_for_every_registered_event_and_each_builds_its_type_with_a_fresh_id() throws Exception {
        List<Method> factories = Arrays.stream(TestEvents.class.getDeclaredMethods())
                .filter(method -> Modifier.isStatic(method.getModifiers()) && Modifier.isPublic(method.getModifiers()))
                .toList();
        assertThat(factories).hasSize(EventTypes.all().size());
        for (Method factory : factories) {
            Object builder = factory.invoke(null);
            DomainEvent first = (DomainEvent) builder.getClass().getMethod("build").invoke(builder);
            DomainEvent second = (DomainEvent) builder.getClass().getMethod("build").invoke(factory.invoke(null));
            assertThat(first.eventId()).isNotEqualTo(second.eventId());
            assertThat(first.requestId()).isNotBlank();
            assertThat(EventTypes.of(first).typeId()).isEqualTo(first.getClass().getSimpleName() + ".v1");
        }
    }

    @Test
    void a_builder_changes_only_what_it_is_told_to() {
        PlanApproved golden = TestEvents.planApproved().build();

        PlanApproved second = PlanApprovedBuilder.from(golden).revision(golden.revision() + 1).requestId("r-42").build();

        assertThat(second.revision()).isEqualTo(golden.revision() + 1);
        assertThat(second.requestId()).isEqualTo("r-42");
        assertThat(second).usingRecursiveComparison().ignoringFields("revision", "requestId").isEqualTo(golden);
    }
}
