package dev.upgradeassist.intake.infrastructure;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    OpenAPI intakeOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Upgrade Assist intake-service")
                        .description("Upgrade-assistance requests from the customer portal, the organization "
                                + "directory and the engineers' queue. Every /api call needs "
                                + "Authorization: Bearer <token> (roles PORTAL, ENGINEER, OPERATOR).")
                        .version("v1"))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
