package dev.upgradeassist.notification.templates;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders an email from its Thymeleaf templates: {@code templates/mail/<file>.txt} in TEXT mode and
 * {@code templates/mail/<file>.html} in HTML mode (every variable HTML-escaped there). Bodies are
 * never built by concatenating customer data. The review call's emails also carry a calendar invitation, built with
 * iCal4j ({@link CalendarInvitations}).
 */
@Component
public class MailRenderer {

    /** What a ticket id may look like to go into a subject header (e.g. {@code UA-7F3K2Q}). */
    private static final Pattern SAFE_TICKET_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9#._:-]{0,63}");

    private final SpringTemplateEngine engine;
    private final CalendarInvitations invitations = new CalendarInvitations();

    public MailRenderer() {
        this.engine = new SpringTemplateEngine();
        engine.setEnableSpringELCompiler(true);
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 1));
        engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 2));
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        var resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
        return resolver;
    }

    /** True when the ticket id can go into a header: no CR/LF, no spaces, nothing but a ticket id. */
    public static boolean isSafeTicketId(String ticketId) {
        return ticketId != null && SAFE_TICKET_ID.matcher(ticketId).matches();
    }

    /**
     * @param ticketId  goes into the subject; must pass {@link #isSafeTicketId}
     * @param variables the template's model; {@code ticketId} is added
     */
    public RenderedMail render(Template template, String ticketId, Map<String, Object> variables) {
        return render(template, ticketId, variables, null);
    }

    /**
     * As above, with the review call's calendar invitation built from {@code invitation} (iCal4j) when it is not null;
     * {@link CalendarInvitations#problem} must be null for it.
     */
    public RenderedMail render(Template template, String ticketId, Map<String, Object> variables, Invitation invitation) {
        if (!isSafeTicketId(ticketId)) {
            throw new IllegalArgumentException("ticket id is not safe for a mail header");
        }
        var context = new Context(Locale.ENGLISH);
        context.setVariables(variables);
        context.setVariable("ticketId", ticketId);
        context.setVariable("subject", subject(template, ticketId));
        String text = engine.process(template.file() + ".txt", context);
        String html = engine.process(template.file() + ".html", context);
        CalendarPart calendar = invitation == null ? null : invitations.write(invitation, ticketId);
        return new RenderedMail(subject(template, ticketId), normalize(text), html, calendar);
    }

    static String subject(Template template, String ticketId) {
        return String.format(Locale.ROOT, template.subjectPattern(), ticketId);
    }

    /** Collapses the blank lines that template control lines leave behind; CRLF line ends for SMTP are added by the mailer. */
    private static String normalize(String text) {
        return text.replace("\r\n", "\n").replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }
}
