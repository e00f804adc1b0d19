package dev.upgradeassist.notification.delivery;

import dev.upgradeassist.notification.templates.MailGoldenTest;
import dev.upgradeassist.notification.templates.MailRenderer;
import dev.upgradeassist.notification.templates.RenderedMail;
import dev.upgradeassist.notification.templates.RequestLinks;
import dev.upgradeassist.notification.templates.Template;
import dev.upgradeassist.platform.links.CustomerPageTokens;
import jakarta.activation.FileTypeMap;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What presetting the bodies' transfer encodings ({@link TransferEncodings}) saves per email: a program, not a test
 * (Surefire does not run it). Each email of every template (rendered with the full model of {@code MailGoldenTest}) is
 * built as {@link MimeMessages} builds it, its changes saved and written out as the SMTP transport writes it, once with
 * Jakarta Mail choosing the encodings and once preset, in alternating rounds. Run it as the services run:
 * <pre>
 * ./mvnw -q -o -pl notification-service dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
 *     -cp notification-service/target/test-classes:notification-service/target/classes:$(cat /tmp/cp.txt) \
 *     dev.upgradeassist.notification.delivery.TransferEncodingBenchmark [emails per round] [rounds]
 * </pre>
 * It prints the microseconds per email of each round, both ways.
 */
public final class TransferEncodingBenchmark {

    private TransferEncodingBenchmark() {
    }

    /** Counts the bytes written, as the SMTP transport's stream would carry them. */
    private static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    private static final FileTypeMap TYPES = types();

    private static FileTypeMap types() {
        var types = new ConfigurableMimeFileTypeMap();
        types.afterPropertiesSet();
        return types;
    }

    public static void main(String[] args) throws Exception {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        // MailRendererTest's secret and web address
        MailRenderer renderer = new MailRenderer(new RequestLinks(
                new CustomerPageTokens("a-test-secret-of-at-least-32-characters"), "https://upgrade-assist.example/"));
        List<RenderedMail> mails = new ArrayList<>();
        for (Template template : Template.values()) {
            mails.add(renderer.render(template, "req-1", "4711", MailGoldenTest.base()));
        }
        Session session = Session.getInstance(new Properties());
        long sink = 0;
        for (int round = 0; round < rounds * 2; round++) {
            boolean preset = round % 2 == 1;
            long start = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                sink += send(session, mails.get(i % mails.size()), preset);
            }
            double micros = (System.nanoTime() - start) / 1_000.0 / perRound;
            System.out.printf("round %d %-28s %8.1f µs per email%n", round / 2 + 1,
                    preset ? "encodings preset:" : "Jakarta Mail chooses:", micros);
        }
        System.out.println("(bytes written: " + sink + ")");
    }

    private static long send(Session session, RenderedMail mail, boolean preset) throws Exception {
        MimeMessage message = new MimeMessage(session);
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8") {
            @Override
            protected FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
                return TYPES;   // made once, as MimeMessages does
            }
        };
        helper.setFrom("support@upgrade-assist.example");
        helper.setTo("dana@acme.example");
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
        if (preset) {
            MimeMultipart mixed = (MimeMultipart) message.getContent();
            MimeMultipart related = (MimeMultipart) mixed.getBodyPart(0).getContent();
            TransferEncodings.preset((MimeMultipart) related.getBodyPart(0).getContent());
        }
        message.saveChanges();
        Counting out = new Counting();
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.bytes;
    }
}
