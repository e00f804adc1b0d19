package dev.upgradeassist.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The support console ({@code /console}) and, later, the customer's request page ({@code /r/{token}}): a
 * backend-for-frontend that renders pages from the services' HTTP APIs, called as the signed-in user. It keeps no
 * business state: no database, no Kafka (ADR 0014).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WebApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebApplication.class, args);
    }
}
