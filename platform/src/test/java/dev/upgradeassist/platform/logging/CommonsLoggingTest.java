package dev.upgradeassist.platform.logging;

import ch.qos.logback.classic.Level;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogMessage;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's own logging (commons-logging) goes through the Log4j API to SLF4J and Logback
 * ({@code META-INF/services/org.apache.commons.logging.LogFactory} in this module), because commons-logging's SLF4J
 * adapter turns every message into text before it asks whether the level is on. Spring hands it lazy messages
 * ({@link LogMessage}) without asking first in places, for example Spring Security's method authorization, twice per
 * request: under load, intake spent about 1 % of its CPU building debug lines nobody logs.
 */
class CommonsLoggingTest {

    @Test
    void a_lazy_message_below_the_level_is_never_built_and_one_at_the_level_is_logged() {
        String name = "dev.upgradeassist.platform.logging.quiet";
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name)).setLevel(Level.INFO);
        Log log = LogFactory.getLog(name);
        AtomicInteger built = new AtomicInteger();

        log.debug(LogMessage.of(() -> "debug " + built.incrementAndGet()));
        log.trace(LogMessage.of(() -> "trace " + built.incrementAndGet()));

        assertThat(built).as("messages below the level built").hasValue(0);
        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(log.isInfoEnabled()).isTrue();

        log.info(LogMessage.of(() -> "info " + built.incrementAndGet()));

        assertThat(built).as("a message at the level is built once, to be logged").hasValue(1);
    }

    @Test
    void the_factory_is_the_log4j_api_one_which_logback_receives_through_slf4j() {
        assertThat(LogFactory.getFactory().getClass().getName())
                .isEqualTo("org.apache.commons.logging.impl.Log4jApiLogFactory");
        // Log4j's API is served by its SLF4J bridge here, so what Spring logs still reaches Logback
        assertThat(org.apache.logging.log4j.LogManager.getContext(false).getClass().getName())
                .startsWith("org.apache.logging.slf4j");
    }
}
