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

    private final String prefix;

    TicketIds(IntakeProperties properties) {
        this.prefix = properties.ticketPrefix();
    }

    String next() {
        SecureRandom random = RandomIds.random(); // this thread's own: no JVM-wide lock
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < LENGTH; i++) {
            id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
