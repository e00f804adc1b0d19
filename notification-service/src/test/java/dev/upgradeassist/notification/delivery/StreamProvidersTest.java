package dev.upgradeassist.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamProvidersTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(StreamProviders.PROPERTY);
        System.clearProperty(StreamProviders.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(StreamProviders.PROPERTY);
        } else {
            System.setProperty(StreamProviders.PROPERTY, before);
        }
    }

    @Test
    void angus_mails_provider_is_named_and_jakarta_mail_takes_it() {
        StreamProviders.nameAngusProvider();

        assertThat(System.getProperty(StreamProviders.PROPERTY)).isEqualTo(StreamProviders.ANGUS);
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(StreamProviders.ANGUS);
    }

    @Test
    void a_provider_the_operator_named_is_kept() {
        System.setProperty(StreamProviders.PROPERTY, "com.example.OtherProvider");

        StreamProviders.nameAngusProvider();

        assertThat(System.getProperty(StreamProviders.PROPERTY)).isEqualTo("com.example.OtherProvider");
    }
}
