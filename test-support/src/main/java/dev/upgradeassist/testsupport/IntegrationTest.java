package dev.upgradeassist.testsupport;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A full Spring Boot context on a random port, wired to the real test infrastructure. Every
 * integration test class in a module should use the same annotation and properties so that one
 * cached context (and one consumer group member) serves them all. The {@code seed} profile gives the services the
 * local stack's seed data (test organizations, the roster) without the local profile's dev tokens.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(InfrastructureTestConfiguration.class)
@org.springframework.test.context.ActiveProfiles("seed")
public @interface IntegrationTest {
}
