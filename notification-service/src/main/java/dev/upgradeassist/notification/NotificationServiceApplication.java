package dev.upgradeassist.notification;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class NotificationServiceApplication {

    /**
     * Jakarta Mail 2.1 looks its StreamProvider up through the ServiceLoader for every multipart and body part it
     * writes (jakartaee/mail-api#861), which in a Spring Boot jar scans the nested jars each time; naming the
     * provider makes that a class lookup.
     */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    public static void main(String[] args) {
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
        SpringApplication.run(NotificationServiceApplication.class, args);
    }
}
