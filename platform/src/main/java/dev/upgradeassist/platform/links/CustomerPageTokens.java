package dev.upgradeassist.platform.links;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The customer's request page link token, {@code <web base URL>/r/<token>}: HMAC-SHA256 of the request id under a
 * secret that intake-service and notification-service share ({@code upgrade-assist.platform.customer-page.secret}),
 * base64url without padding: 256 bits, 43 characters. Notification derives it for every customer email; intake keeps
 * only its SHA-256 ({@link #hash}) and finds a request by that. Nobody can derive a token without the secret, and the
 * token itself is never stored, logged or put on a topic. ADR 0015 says why it is derived, not drawn at random.
 */
public final class CustomerPageTokens {

    /** The shape of a token: anything else is no token (answered 404 without a lookup). */
    public static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** The shortest secret accepted: 32 characters. */
    public static final int MIN_SECRET_LENGTH = 32;
    private static final String PURPOSE = "upgrade-assist/customer-page/v1:";

    /**
     * Each thread's SHA-256 and HMAC, made once, not looked up (and the HMAC keyed) again for every token: every
     * projected event in intake and every customer email in notification derives one.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public CustomerPageTokens(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("upgrade-assist.platform.customer-page.secret (env "
                    + "UPGRADEASSIST_PLATFORM_CUSTOMERPAGE_SECRET) must be set to at least " + MIN_SECRET_LENGTH
                    + " characters, the same in intake-service and notification-service: it signs the customers' "
                    + "request page links");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
            }
        });
    }

    /** The token of one request's page. */
    public String tokenFor(String requestId) {
        // doFinal leaves the Mac ready for the next token under the same key
        byte[] digest = macs.get().doFinal((PURPOSE + requestId).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** The form a token is stored and looked up in: lower-case hex SHA-256. */
    public static String hash(String token) {
        // digest() leaves the MessageDigest reset for the next token
        return HexFormat.of().formatHex(SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** The stored hash of one request's token. */
    public String hashFor(String requestId) {
        return hash(tokenFor(requestId));
    }

    /** Whether the text has a token's shape (so it is worth a lookup). */
    public static boolean looksLikeToken(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }
}
