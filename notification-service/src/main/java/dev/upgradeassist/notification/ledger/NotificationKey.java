package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.notification.templates.Template;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The deterministic identity of one email: SHA-256 over (source event id, template, sorted To,
 * sorted Cc). It is the ledger's {@code _id}, so a second delivery of the same event cannot insert
 * a second entry, and it makes the Message-ID, so that a resend after a crash carries the same one.
 */
public final class NotificationKey {

    private static final String MESSAGE_ID_DOMAIN = "upgrade-assist";

    private NotificationKey() {
    }

    public static String of(String sourceEventId, Template template, List<String> to, List<String> cc) {
        String material = String.join("\n", sourceEventId, template.name(), canonical(to), canonical(cc));
        return sha256(material);
    }

    /**
     * The key of an email that is sent once per {@code onceKey} (e.g. one comment), whoever its recipients turn out
     * to be: SHA-256 over (onceKey, template). Disjoint from {@link #of}, whose material has four lines.
     */
    public static String once(String onceKey, Template template) {
        return sha256(String.join("\n", "once", onceKey, template.name()));
    }

    /**
     * The key of what became of one recipient of an email that the SMTP server refused while it took the email for
     * the others: derived from the email's key and the address, so that a second report of the same refusal finds it
     * taken.
     */
    public static String recipient(String emailKey, String address) {
        return sha256(String.join("\n", "recipient", emailKey, canonical(List.of(address))));
    }

    /** {@code <key@upgrade-assist>}: no customer data, nothing but hex digits and a fixed domain. */
    public static String messageId(String key) {
        return "<" + key + "@" + MESSAGE_ID_DOMAIN + ">";
    }

    private static String canonical(List<String> addresses) {
        TreeSet<String> sorted = new TreeSet<>();
        addresses.forEach(a -> sorted.add(a == null ? "" : a.trim().toLowerCase(Locale.ROOT)));
        return String.join(",", sorted);
    }

    private static String sha256(String material) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
