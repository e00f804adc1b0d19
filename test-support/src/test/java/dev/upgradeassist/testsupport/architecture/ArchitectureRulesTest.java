package dev.upgradeassist.testsupport.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each rule fails on a small code base that breaks it, and passes on one that keeps it. */
class ArchitectureRulesTest {

    private static final String FIXTURES = "dev.upgradeassist.testsupport.architecture.fixtures";

    private static JavaClasses classes(String subPackage) {
        return new ClassFileImporter().importPackages(subPackage.isEmpty() ? FIXTURES : FIXTURES + "." + subPackage);
    }

    @Test
    void a_cycle_between_two_feature_packages_breaks_the_rule() {
        var result = ArchitectureRules.noCyclesBetweenFeatures(FIXTURES + ".cycle").evaluate(classes("cycle"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("Cycle detected");
    }

    @Test
    void features_that_depend_one_way_keep_the_rule() {
        var result = ArchitectureRules.noCyclesBetweenFeatures(FIXTURES + ".clean").evaluate(classes("clean"));

        assertThat(result.hasViolation()).isFalse();
    }

    @Test
    void a_controller_or_a_listener_that_touches_mongodb_breaks_the_rule() {
        var result = ArchitectureRules.controllersAndListenersDoNotTouchPersistence().evaluate(classes("adapter"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("OrdersController") && line.contains("MongoTemplate"))
                .anyMatch(line -> line.contains("OrderEventsListener") && line.contains("MongoOperations"));
    }

    @Test
    void a_domain_class_that_uses_a_kafka_type_breaks_the_rule() {
        var result = ArchitectureRules.domainImportsNoWebOrKafka("..fixtures.domain..").evaluate(classes("domain"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("ProducerRecord");
    }

    @Test
    void a_service_that_uses_another_services_class_breaks_the_rule() {
        var rule = ArchitectureRules.noServiceImportsAnother(FIXTURES + ".svc1",
                List.of(FIXTURES + ".svc1", FIXTURES + ".svc2"));

        var result = rule.evaluate(new ClassFileImporter().importPackages(FIXTURES + ".svc1", FIXTURES + ".svc2"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("Callee");
    }

    @Test
    void check_reports_every_broken_rule_of_a_code_base_at_once() {
        assertThatThrownBy(() -> ArchitectureRules.check(classes("cycle"), FIXTURES + ".cycle"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
        assertThatThrownBy(() -> ArchitectureRules.check(classes(""), FIXTURES, "..fixtures.domain.."))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("MongoTemplate")
                .hasMessageContaining("OrderEventsListener")
                .hasMessageContaining("ProducerRecord");
    }

    @Test
    void check_passes_on_a_code_base_that_keeps_every_rule() {
        assertThatCode(() -> ArchitectureRules.check(classes("clean"), FIXTURES + ".clean", "..fixtures.clean.billing.."))
                .doesNotThrowAnyException();
    }
}
