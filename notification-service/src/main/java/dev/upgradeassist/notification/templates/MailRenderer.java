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
 * <p>
 * Every email passes here, so here its request's links are added ({@link RequestLinks}), after the body, from
 * {@code templates/mail/request-links.txt|.html}: every email to the customer ({@link Template.Audience#CUSTOMER})
 * carries the customer's request page {@code <web base URL>/r/<token>}, Support's ({@link Template.Audience#ENGINEER})
 * the console's page of the request instead, never the customer's link. The templates may also use
 * {@code requestPageUrl} and {@code runbookUrl} (customer emails only; null in Support's) and {@code consoleUrl}
 * (Support's only). The rendered bodies therefore hold the token: they go to the ledger and the SMTP server, never to
 * a log.
 */
@Component
public class MailRenderer {

    /** What a ticket id may look like to go into a subject header (e.g. {@code UA-7F3K2Q}). */
    private static final Pattern SAFE_TICKET_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9#._:-]{0,63}");

    /** The base name of the links block added to every email ({@code request-links.txt|.html}). */
    static final String LINKS = "request-links";

    private final SpringTemplateEngine engine;
    private final CalendarInvitations invitations = new CalendarInvitations();
    private final RequestLinks links;

    public MailRenderer(RequestLinks links) {
        if (links == null) {
            throw new IllegalArgumentException("every email carries its request's links");
        }
        this.links = links;
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
     * @param requestId the request the email is about: its links are added (required)
     * @param ticketId  goes into the subject; must pass {@link #isSafeTicketId}
     * @param variables the template's model; {@code ticketId} and the request's links are added
     */
    public RenderedMail render(Template template, String requestId, String ticketId, Map<String, Object> variables) {
        return render(template, requestId, ticketId, variables, null);
    }

    /**
     * As above, with the review call's calendar invitation built from {@code invitation} (iCal4j) when it is not null;
     * {@link CalendarInvitations#problem} must be null for it.
     */
    public RenderedMail render(Template template, String requestId, String ticketId, Map<String, Object> variables,
                               Invitation invitation) {
        if (!isSafeTicketId(ticketId)) {
            throw new IllegalArgumentException("ticket id is not safe for a mail header");
        }
        if (requestId == null || requestId.isBlank()) {
            throw new IllegalArgumentException("an email needs its request id for the request's links");
        }
        var context = new Context(Locale.ENGLISH);
        context.setVariables(variables);
        context.setVariable("ticketId", ticketId);
        context.setVariable("subject", subject(template, ticketId));
        boolean customer = template.audience() == Template.Audience.CUSTOMER;
        // set after the model: no moment's variable can stand in for them
        context.setVariable("requestPageUrl", customer ? links.requestPage(requestId) : null);
        context.setVariable("runbookUrl", customer ? links.runbook(requestId) : null);
        context.setVariable("consoleUrl", customer ? null : links.console(requestId));
        String text = engine.process(template.file() + ".txt", context);
        String html = engine.process(template.file() + ".html", context);
        String linksText = engine.process(LINKS + ".txt", context);
        String linksHtml = engine.process(LINKS + ".html", context);
        CalendarPart calendar = invitation == null ? null : invitations.write(invitation, ticketId);
        return new RenderedMail(subject(template, ticketId), normalize(normalize(text) + "\n" + linksText),
                withLinks(html, linksHtml), calendar);
    }

    /** The links block at the end of the HTML body (before {@code </body>}, or after everything without one). */
    private static String withLinks(String html, String linksHtml) {
        String block = linksHtml.strip();
        int end = html.lastIndexOf("</body>");
        return end < 0 ? html + "\n" + block + "\n" : html.substring(0, end) + block + "\n" + html.substring(end);
    }

    static String subject(Template template, String ticketId) {
        return String.format(Locale.ROOT, template.subjectPattern(), ticketId);
    }

    /** Collapses the blank lines that template control lines leave behind; CRLF line ends for SMTP are added by the mailer. */
    private static String normalize(String text) {
        return text.replace("\r\n", "\n").replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }
}
