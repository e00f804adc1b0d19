package dev.upgradeassist.platform.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CustomerPageTokensTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-characters";

    @Test
    void a_token_is_256_bits_base64url_and_the_same_for_the_same_request_and_secret() {
        String token = new CustomerPageTokens(SECRET).tokenFor("req-1");
        assertThat(token).hasSize(43).matches(CustomerPageTokens.SHAPE);
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
        assertThat(new CustomerPageTokens(SECRET).tokenFor("req-1")).isEqualTo(token);
        assertThat(CustomerPageTokens.looksLikeToken(token)).isTrue();
    }

    @Test
    void another_request_or_another_secret_gives_another_token() {
        CustomerPageTokens tokens = new CustomerPageTokens(SECRET);
        assertThat(tokens.tokenFor("req-2")).isNotEqualTo(tokens.tokenFor("req-1"));
        assertThat(new CustomerPageTokens(SECRET + "x").tokenFor("req-1")).isNotEqualTo(tokens.tokenFor("req-1"));
    }

    @Test
    void the_stored_form_is_the_sha256_of_the_token_not_the_token() {
        CustomerPageTokens tokens = new CustomerPageTokens(SECRET);
        String token = tokens.tokenFor("req-1");
        assertThat(tokens.hashFor("req-1")).isEqualTo(CustomerPageTokens.hash(token)).hasSize(64)
                .doesNotContain(token);
        // the SHA-256 of "abc", so the stored form is the plain published digest
        assertThat(CustomerPageTokens.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void each_thread_derives_every_token_as_a_fresh_hmac_would_whatever_it_derived_before() throws Exception {
        CustomerPageTokens tokens = new CustomerPageTokens(SECRET);
        CustomerPageTokens other = new CustomerPageTokens(SECRET + "-other");
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                runs.add(threads.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        String id = "req-" + thread + "-" + i;
                        // two instances with other keys on the same thread: each keeps its own key
                        assertThat(tokens.tokenFor(id)).isEqualTo(hmac(SECRET, id));
                        assertThat(other.tokenFor(id)).isEqualTo(hmac(SECRET + "-other", id));
                        assertThat(tokens.hashFor(id)).isEqualTo(sha256(hmac(SECRET, id)));
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> run : runs) {
                run.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static String hmac(String secret, String requestId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal(("upgrade-assist/customer-page/v1:" + requestId).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_short_or_missing_secret_is_refused_with_the_setting_named() {
        assertThatThrownBy(() -> new CustomerPageTokens("short")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("UPGRADEASSIST_PLATFORM_CUSTOMERPAGE_SECRET");
        assertThatThrownBy(() -> new CustomerPageTokens(null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void text_that_is_not_a_token_is_told_apart_without_a_lookup() {
        assertThat(CustomerPageTokens.looksLikeToken(null)).isFalse();
        assertThat(CustomerPageTokens.looksLikeToken("<script>")).isFalse();
        assertThat(CustomerPageTokens.looksLikeToken("a".repeat(44))).isFalse();
    }
}
