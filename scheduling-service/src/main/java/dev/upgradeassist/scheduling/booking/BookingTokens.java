package dev.upgradeassist.scheduling.booking;

import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/** One-time booking tokens: 32 random bytes, base64url. Only their SHA-256 is ever stored. */
@Component
class BookingTokens {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    BookingTokens(SecureRandom random) {
        this.random = random;
    }

    record Token(String raw, String hash) {
    }

    Token newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String raw = BASE64URL.encodeToString(bytes);
        return new Token(raw, hash(raw));
    }

    /** The stored form of a presented token; empty when it cannot be a token at all. */
    Optional<String> hashOf(String presented) {
        return presented != null && FORMAT.matcher(presented).matches() ? Optional.of(hash(presented)) : Optional.empty();
    }

    static String hash(String raw) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.US_ASCII));
            return BASE64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
