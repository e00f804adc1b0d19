package dev.upgradeassist.notification;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.upgradeassist.testsupport.TestInfrastructure;

import java.net.Socket;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-JVM SMTP server the application sends to, for fault injection (in-JVM infrastructure only).
 * GreenMail's own {@code stop()}/{@code start()} re-binds every service on a new random port (the test
 * infrastructure uses port 0), which would leave the application and the IMAP reader pointing at dead ports; so
 * these helpers stop only the SMTP service and start a new SMTP server on the same port with GreenMail's
 * managers: the same mail store, IMAP untouched. That server answers {@code RCPT TO} of an address given to
 * {@link #refuse} with the given reply, as a real server refusing a mailbox would, and accepts every other one.
 * Every test class that replaces the SMTP server goes through here, so that they agree on which one is in service.
 */
public final class Smtp {

    /** Lower-case address → the reply line to its {@code RCPT TO}. */
    private static final Map<String, String> REFUSED = new ConcurrentHashMap<>();

    /** The SMTP server in service: null while it is GreenMail's own. */
    private static volatile SmtpServer replacement;

    private Smtp() {
    }

    /** True when the SMTP server runs in this JVM (embedded mode), so that it can be stopped or made to refuse. */
    public static boolean inJvm() {
        return TestInfrastructure.get().greenMail() != null;
    }

    /**
     * From now on the server answers {@code RCPT TO:<address>} with {@code reply} (e.g. {@code 550 5.1.1 ...}).
     * Installs the refusing server first when GreenMail's own is still in service (connections the application
     * holds to that one are closed, so its next attempt on one may fail once and be retried).
     */
    public static synchronized void refuse(String address, String reply) {
        if (replacement == null) {
            stop();
            start();
        }
        REFUSED.put(address.toLowerCase(Locale.ROOT), reply);
    }

    /** The server accepts the address again. */
    public static void accept(String address) {
        REFUSED.remove(address.toLowerCase(Locale.ROOT));
    }

    /** Stops the SMTP server in service: connections are refused until {@link #start()}. */
    public static synchronized Instant stop() {
        SmtpServer running = replacement != null ? replacement : TestInfrastructure.get().greenMail().getSmtp();
        running.stopService();
        return Instant.now();
    }

    /** A new SMTP server on the old port, delivering into the same GreenMail store. */
    public static synchronized void start() {
        TestInfrastructure infra = TestInfrastructure.get();
        GreenMail greenMail = infra.greenMail();
        var smtp = new RefusingSmtpServer(new ServerSetup(infra.smtpPort(), infra.mailHost(), ServerSetup.PROTOCOL_SMTP),
                greenMail.getManagers());
        smtp.startService();
        replacement = smtp;
        try {
            if (!smtp.waitTillRunning(10_000)) {
                throw new IllegalStateException("the replacement SMTP server did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GreenMail's SMTP server, with a manager that refuses the recipients in {@link #REFUSED}. */
    private static final class RefusingSmtpServer extends SmtpServer {

        private final SmtpManager manager;

        RefusingSmtpServer(ServerSetup setup, Managers managers) {
            super(setup, managers);
            this.manager = new RefusingSmtpManager(managers);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket socket) {
            return new SmtpHandler(new SmtpCommandRegistry(), manager, socket);
        }
    }

    private static final class RefusingSmtpManager extends SmtpManager {

        RefusingSmtpManager(Managers managers) {
            super(managers.getImapHostManager(), managers.getUserManager());
        }

        @Override
        public String checkRecipient(SmtpState state, MailAddress recipient) {
            String reply = REFUSED.get(recipient.getEmail().toLowerCase(Locale.ROOT));
            return reply != null ? reply : super.checkRecipient(state, recipient);
        }
    }
}
