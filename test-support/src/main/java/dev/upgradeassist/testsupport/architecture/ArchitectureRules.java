package dev.upgradeassist.testsupport.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The structure every service keeps, as ArchUnit rules (ADR 0013). A service's {@code ArchitectureTest} imports its
 * main classes and checks them all with {@link #check}:
 * <ol>
 *     <li>no cycles between the service's feature packages;</li>
 *     <li>controllers and Kafka listeners never touch MongoDB directly (no {@code MongoTemplate}, no repository, no
 *     {@code AggregateStore}): they call application services;</li>
 *     <li>no service imports another service;</li>
 *     <li>the domain (aggregates, their state machines, policies) imports no web, HTTP, servlet or Kafka type;</li>
 *     <li>HTTP types ({@code ApiProblem}, {@code HttpStatus}, {@code ResponseEntity}) stay in controllers and web
 *     wiring: below the controllers, a refused command is a {@code RuleViolation}.</li>
 * </ol>
 */
public final class ArchitectureRules {

    /** The base packages of the deployable services; none may import another's. */
    public static final List<String> SERVICES = List.of("dev.upgradeassist.intake", "dev.upgradeassist.review",
            "dev.upgradeassist.scheduling", "dev.upgradeassist.notification", "dev.upgradeassist.web");

    private static final String[] PERSISTENCE = {"org.springframework.data.mongodb.core.MongoTemplate",
            "org.springframework.data.mongodb.core.MongoOperations",
            "dev.upgradeassist.platform.outbox.AggregateStore"};

    private static final String[] WEB_AND_KAFKA = {"org.springframework.web..", "org.springframework.http..",
            "jakarta.servlet..", "org.apache.kafka..", "org.springframework.kafka..", "dev.upgradeassist.platform.web.."};

    private ArchitectureRules() {
    }

    /** The main classes of a service (or any code base) under {@code basePackage}, tests and jars left out. */
    public static JavaClasses importMainClasses(String basePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(basePackage);
    }

    /**
     * Checks every rule on a service's main classes and fails with all violations at once.
     *
     * @param domainPackages the packages (ArchUnit syntax, e.g. {@code "..intake.request.."}) that hold the domain
     */
    public static void check(String basePackage, String... domainPackages) {
        check(importMainClasses(basePackage), basePackage, domainPackages);
    }

    /** As {@link #check(String, String...)}, on classes imported by the caller. */
    public static void check(JavaClasses classes, String basePackage, String... domainPackages) {
        List<String> failures = new ArrayList<>();
        for (ArchRule rule : rules(basePackage, domainPackages)) {
            EvaluationResult result = rule.evaluate(classes);
            if (result.hasViolation()) {
                failures.add(result.getFailureReport().toString());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join(System.lineSeparator(), failures));
        }
    }

    public static List<ArchRule> rules(String basePackage, String... domainPackages) {
        List<ArchRule> rules = new ArrayList<>(List.of(
                noCyclesBetweenFeatures(basePackage),
                controllersAndListenersDoNotTouchPersistence(),
                noServiceImportsAnother(basePackage),
                httpTypesStayInControllers()));
        if (domainPackages.length > 0) {
            rules.add(domainImportsNoWebOrKafka(domainPackages));
        }
        // a code base without, say, a listener keeps the listener rule: an empty "that()" is not a failure
        return rules.stream().map(rule -> rule.allowEmptyShould(true)).toList();
    }

    public static ArchRule noCyclesBetweenFeatures(String basePackage) {
        return slices().matching(basePackage + ".(*)..").should().beFreeOfCycles()
                .because("feature packages depend on each other one way, so each can be read and changed alone");
    }

    public static ArchRule controllersAndListenersDoNotTouchPersistence() {
        return noClasses().that(areControllersOrListeners())
                .should().dependOnClassesThat(describe("MongoDB access (MongoTemplate, a repository, the AggregateStore)",
                        ArchitectureRules::isPersistence))
                .because("controllers and listeners are adapters: they call an application service, which owns the write");
    }

    public static ArchRule noServiceImportsAnother(String basePackage) {
        return noServiceImportsAnother(basePackage, SERVICES);
    }

    public static ArchRule noServiceImportsAnother(String basePackage, List<String> services) {
        List<String> others = services.stream().filter(service -> !service.equals(basePackage))
                .map(service -> service + "..").toList();
        return noClasses().that().resideInAPackage(basePackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                .because("services share only event contracts and the platform; each deploys alone");
    }

    public static ArchRule domainImportsNoWebOrKafka(String... domainPackages) {
        return noClasses().that().resideInAnyPackage(domainPackages)
                .and(describe("are not controllers or listeners", (JavaClass c) -> !isControllerOrListener(c)))
                .should().dependOnClassesThat().resideInAnyPackage(WEB_AND_KAFKA)
                .because("the domain decides; how a command arrives (HTTP, a record) is the adapters' business");
    }

    public static ArchRule httpTypesStayInControllers() {
        return noClasses().that(describe("are not controllers, advice or web wiring", (JavaClass c) -> !isWebAdapter(c)))
                .should().dependOnClassesThat(describe("HTTP answer types (ApiProblem, HttpStatus, ResponseEntity)",
                        (JavaClass c) -> c.getName().equals("dev.upgradeassist.platform.web.ApiProblem")
                                || c.getName().equals("org.springframework.http.HttpStatus")
                                || c.getName().equals("org.springframework.http.ResponseEntity")))
                .because("below the controllers a refused command is a RuleViolation, which the platform maps to a status");
    }

    private static DescribedPredicate<JavaClass> areControllersOrListeners() {
        return describe("are controllers or Kafka listeners", ArchitectureRules::isControllerOrListener);
    }

    static boolean isControllerOrListener(JavaClass c) {
        return isController(c) || c.getSimpleName().endsWith("Listener")
                || c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith("org.springframework.kafka.annotation.KafkaListener"));
    }

    private static boolean isController(JavaClass c) {
        return c.isAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                || c.isAnnotatedWith("org.springframework.stereotype.Controller")
                || c.getSimpleName().endsWith("Controller");
    }

    /** Controllers, their advice, and web wiring (filters, interceptors, configuration, a web package). */
    static boolean isWebAdapter(JavaClass c) {
        JavaClass outer = c;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        JavaClass top = outer;
        return isController(top)
                || top.isAnnotatedWith("org.springframework.web.bind.annotation.RestControllerAdvice")
                || top.isAnnotatedWith("org.springframework.web.bind.annotation.ControllerAdvice")
                || top.isAnnotatedWith("org.springframework.context.annotation.Configuration")
                || top.isAssignableTo("jakarta.servlet.Filter")
                || top.isAssignableTo("org.springframework.web.servlet.HandlerInterceptor")
                || top.getPackageName().endsWith(".web") || top.getPackageName().contains(".web.");
    }

    private static boolean isPersistence(JavaClass c) {
        for (String type : PERSISTENCE) {
            if (c.getName().equals(type)) {
                return true;
            }
        }
        return c.isAssignableTo("org.springframework.data.repository.Repository");
    }
}
