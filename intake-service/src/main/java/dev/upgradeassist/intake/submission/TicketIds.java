package dev.upgradeassist.intake.submission;

import dev.upgradeassist.intake.infrastructure.IntakeProperties;
import dev.upgradeassist.platform.ids.RandomIds;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;

/** Support ticket ids such as {@code UA-7F3K2Q}: the prefix and six characters without 0/O/1/I. */
@Component
class TicketIds {

    private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final int LENGTH = 6;
    private static final int BITS_PER_CHARACTER = 5;

    static {
        if (ALPHABET.length != 1 << BITS_PER_CHARACTER || LENGTH * BITS_PER_CHARACTER > Integer.SIZE) {
            throw new IllegalStateException("ticket ids take five bits of one int per character");
        }
    }

    private final String prefix;

    TicketIds(IntakeProperties properties) {
        this.prefix = properties.ticketPrefix();
    }

    /**
     * Six characters from one draw of 32 random bits, five bits each (the alphabet has 32 letters, so each is
     * uniform): one call to the secure generator per id instead of six.
     */
    String next() {
        SecureRandom random = RandomIds.random(); // this thread's own: no JVM-wide lock
        int bits = random.nextInt();
        StringBuilder id = new StringBuilder(prefix.length() + LENGTH).append(prefix);
        for (int i = 0; i < LENGTH; i++) {
            id.append(ALPHABET[bits & (ALPHABET.length - 1)]);
            bits >>>= BITS_PER_CHARACTER;
        }
        return id.toString();
    }
}
