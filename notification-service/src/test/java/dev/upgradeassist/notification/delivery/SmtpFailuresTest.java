package dev.upgradeassist.notification.delivery;

import jakarta.mail.Address;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpFailuresTest {

    private static final InternetAddress DANA = address("dana@acme.example");
    private static final InternetAddress ADMINS = address("admins@acme.example");

    @Test
    void every_recipient_refused_for_good_is_permanent_although_jakarta_mail_reports_empty_valid_arrays() {
        var refused = new SendFailedException("Invalid Addresses", refusal(DANA, 550), new Address[0], new Address[0],
                new Address[]{DANA});

        assertThat(SmtpFailures.isPermanent(failed(refused))).isTrue();
    }

    @Test
    void a_recipient_refused_for_now_is_not_permanent() {
        var refused = new SendFailedException("Invalid Addresses", refusal(DANA, 550), new Address[0],
                new Address[]{ADMINS}, new Address[]{DANA});

        assertThat(SmtpFailures.isPermanent(failed(refused))).isFalse();
    }

    @Test
    void the_summary_for_the_log_names_exception_classes_and_reply_codes_but_no_address_or_server_text() {
        var refused = new SendFailedException("Invalid Addresses", refusal(DANA, 550), new Address[0], new Address[0],
                new Address[]{DANA});

        String summary = SmtpFailures.summary(failed(refused));

        assertThat(summary).isEqualTo("MailSendException < SendFailedException < SMTPAddressFailedException 550");
    }

    private static MailSendException failed(Exception cause) {
        return new MailSendException(Map.of(new MimeMessage((jakarta.mail.Session) null), cause));
    }

    private static SMTPAddressFailedException refusal(InternetAddress address, int code) {
        return new SMTPAddressFailedException(address, "RCPT TO:<" + address.getAddress() + ">", code,
                code + " 5.1.1 <" + address.getAddress() + ">: no such user here");
    }

    private static InternetAddress address(String address) {
        try {
            return new InternetAddress(address, true);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalStateException(e);
        }
    }
}
