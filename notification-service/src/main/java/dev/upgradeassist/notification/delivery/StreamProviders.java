package dev.upgradeassist.notification.delivery;

/**
 * Names Jakarta Mail's stream provider (Angus Mail's) in its system property, so that Jakarta Mail does not look it up
 * through {@link java.util.ServiceLoader} again and again. Jakarta Mail 2.1 asks {@code StreamProvider.provider()} for
 * it on every multipart it makes and every body it encodes or decodes, and without the property each call scans the
 * class path's {@code META-INF/services} (jakartaee/mail-api issues 699 and 861). Building and writing one email took
 * about 760 µs that way and about 110 µs with the property ({@code TransferEncodingBenchmark}, 2026-12-04); in the
 * service the scan runs over every jar of the Spring Boot archive.
 *
 * <p>A property already set (by the operator, {@code -Djakarta.mail.util.StreamProvider=…}) is kept; without Angus Mail
 * on the class path nothing is set and Jakarta Mail looks as before.
 */
final class StreamProviders {

    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    private StreamProviders() {
    }

    /** Sets the property to Angus Mail's provider when it is unset and that provider is there; idempotent. */
    static void nameAngusProvider() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        try {
            Class.forName(ANGUS, false, StreamProviders.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return;
        }
        System.setProperty(PROPERTY, ANGUS);
    }
}
