package dev.upgradeassist.notification.templates;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressesTest {

    @Test
    void a_bare_address_is_accepted_and_normalized() {
        assertThat(Addresses.normalize(" Dana@Acme.Example ")).contains("dana@acme.example");
        assertThat(Addresses.problem("dana@acme.example")).isNull();
    }

    @Test
    void header_injection_and_anything_but_a_bare_address_is_refused() {
        assertThat(Addresses.normalize("dana@acme.example\r\nBcc: x@evil.example")).isEmpty();
        assertThat(Addresses.problem("dana@acme.example\nBcc: x@evil.example")).contains("CR, LF");
        assertThat(Addresses.normalize("Dana <dana@acme.example>")).isEmpty();
        assertThat(Addresses.normalize("dana@acme.example, x@evil.example")).isEmpty();
        assertThat(Addresses.normalize("group: a@b.example;")).isEmpty();
        assertThat(Addresses.normalize("not an address")).isEmpty();
        assertThat(Addresses.normalize("dana@")).isEmpty();
        assertThat(Addresses.normalize("")).isEmpty();
        assertThat(Addresses.normalize(null)).isEmpty();
        assertThatThrownBy(() -> Addresses.strict("a@b.example\r\nX: y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void control_characters_are_made_visible_for_logs() {
        assertThat(Addresses.printable("a\r\nb")).isEqualTo("a\\x0d\\x0ab");
    }
}
