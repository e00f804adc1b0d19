package dev.upgradeassist.notification.templates;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.Locale;
import java.util.Optional;

/**
 * The only way an email address becomes a header: a bare {@code local@domain}, parsed strictly
 * ({@code new InternetAddress(addr, true)}), no display name, no group, no CR/LF or other control
 * characters. Names never go into headers at all.
 */
public final class Addresses {

    private Addresses() {
    }

    /** The normalized (trimmed, lower-case) address, or empty when it is not a safe, bare address. */
    public static Optional<String> normalize(String raw) {
        return Optional.ofNullable(parse(raw)).map(a -> a.getAddress().toLowerCase(Locale.ROOT));
    }

    /** Why the address is refused, or null when it is fine. */
    public static String problem(String raw) {
        if (raw == null || raw.isBlank()) {
            return "address is empty";
        }
        if (hasControlCharacters(raw)) {
            return "address contains CR, LF or other control characters";
        }
        return parse(raw) == null ? "address is not a valid bare email address" : null;
    }

    /** A strictly parsed address for a header; throws when {@link #problem} is not null. */
    public static InternetAddress strict(String raw) {
        InternetAddress address = parse(raw);
        if (address == null) {
            throw new IllegalArgumentException("Refused address: " + problem(raw));
        }
        return address;
    }

    private static InternetAddress parse(String raw) {
        if (raw == null || raw.isBlank() || hasControlCharacters(raw)) {
            return null;
        }
        String trimmed = raw.trim();
        try {
            InternetAddress address = new InternetAddress(trimmed, true);
            address.validate();
            if (address.getPersonal() != null || address.isGroup() || !trimmed.equals(address.getAddress())
                    || address.getAddress().indexOf('@') < 1 || address.getAddress().endsWith("@")) {
                return null;
            }
            return address;
        } catch (AddressException e) {
            return null;
        }
    }

    /** True when a header value carries CR, LF or another control character (header injection). */
    public static boolean hasControlCharacters(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    /** For logs and the API: the raw value with control characters made visible. */
    public static String printable(String raw) {
        if (raw == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        raw.codePoints().limit(200).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
