package dev.upgradeassist.notification.delivery;

import dev.upgradeassist.notification.ledger.RefusedRecipient;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an SMTP failure means: which recipients a partial rejection refused (and whether for good), whether trying
 * again can help, and a summary for the log that names no address and carries none of the server's text.
 */
final class SmtpFailures {

    private SmtpFailures() {
    }

    /** The recipients a partially failed send did not reach: invalid (5xx) for good, valid unsent (4xx) for now. */
    static List<RefusedRecipient> refused(SendFailedException e) {
        Map<String, Integer> replies = new HashMap<>();
        for (Throwable next : chain(e)) {
            if (next instanceof SMTPAddressFailedException failed && failed.getAddress() != null) {
                replies.putIfAbsent(failed.getAddress().getAddress().toLowerCase(Locale.ROOT), failed.getReturnCode());
            }
        }
        List<RefusedRecipient> refused = new ArrayList<>();
        for (Address address : nonNull(e.getInvalidAddresses())) {
            String bare = bare(address);
            refused.add(new RefusedRecipient(bare, replies.getOrDefault(bare.toLowerCase(Locale.ROOT), 0), true));
        }
        for (Address address : nonNull(e.getValidUnsentAddresses())) {
            String bare = bare(address);
            int reply = replies.getOrDefault(bare.toLowerCase(Locale.ROOT), 0);
            refused.add(new RefusedRecipient(bare, reply, reply >= 500));
        }
        return refused;
    }

    private static String bare(Address address) {
        return address instanceof InternetAddress internet ? internet.getAddress() : address.toString();
    }

    private static Address[] nonNull(Address[] addresses) {
        return addresses == null ? new Address[0] : addresses;
    }

    static boolean isEmpty(Address[] addresses) {
        return addresses == null || addresses.length == 0;
    }

    /**
     * For the log: what failed, as the exception classes along the causes (and a MessagingException's next ones) with
     * the SMTP reply codes where there are any, e.g. {@code MailSendException < SendFailedException <
     * SMTPAddressFailedException 550}. Never a message: those carry addresses and the SMTP server's own text.
     */
    static String summary(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable next : chain(e)) {
            if (!out.isEmpty()) {
                out.append(" < ");
            }
            out.append(next.getClass().getSimpleName());
            if (next instanceof SMTPAddressFailedException failed) {
                out.append(' ').append(failed.getReturnCode());
            } else if (next instanceof SMTPSendFailedException failed) {
                out.append(' ').append(failed.getReturnCode());
            } else if (next instanceof SMTPSenderFailedException failed) {
                out.append(' ').append(failed.getReturnCode());
            }
        }
        return out.toString();
    }

    /**
     * {@code e} and what it wraps: causes, a MessagingException's next exceptions, a MailSendException's failed
     * messages (at most 10, each once).
     */
    private static List<Throwable> chain(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        java.util.Deque<Throwable> todo = new java.util.ArrayDeque<>(List.of(e));
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty() && chain.size() < 10) {
            Throwable next = todo.removeFirst();
            if (!seen.add(next)) {
                continue;
            }
            chain.add(next);
            if (next instanceof MailSendException send && send.getCause() == null) {
                todo.addAll(send.getFailedMessages().values());
            }
            if (next instanceof MessagingException messaging && messaging.getNextException() != null) {
                todo.add(messaging.getNextException());
            }
            if (next.getCause() != null) {
                todo.add(next.getCause());
            }
        }
        return chain;
    }

    /**
     * True when trying again cannot help: the message cannot be built, or the server refused every recipient for good
     * (5xx; Jakarta Mail reports the valid addresses of such a send as empty arrays, not null).
     */
    static boolean isPermanent(RuntimeException e) {
        if (e instanceof MailPreparationException || e instanceof IllegalArgumentException) {
            return true;
        }
        if (e instanceof MailSendException send) {
            for (Exception cause : send.getFailedMessages().values()) {
                if (cause instanceof SendFailedException failed && isEmpty(failed.getValidSentAddresses())
                        && isEmpty(failed.getValidUnsentAddresses()) && !isEmpty(failed.getInvalidAddresses())) {
                    return true;
                }
            }
        }
        return false;
    }
}
