package dev.upgradeassist.platform.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;

/**
 * {@code /error} as problem details ({@link ProblemErrorController}): before Boot's error configuration, whose own
 * controller then steps back. Boot's error attributes and HTML error views are still used.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ProblemErrorConfiguration {

    @Bean
    ProblemErrorController problemErrorController(ObjectProvider<ErrorAttributes> errorAttributes,
                                                  ObjectProvider<ErrorViewResolver> resolvers) {
        return new ProblemErrorController(errorAttributes.getIfAvailable(
                org.springframework.boot.webmvc.error.DefaultErrorAttributes::new), resolvers.orderedStream().toList());
    }
}
