package dev.upgradeassist.notification.templates;

import gg.jte.output.StringOutput;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders an email from its compiled jte templates (ADR 0019): {@code src/main/jte/text/<file>.jte} as plain text and
 * {@code src/main/jte/html/<file>.jte} as HTML, every variable HTML-escaped there ({@link MailHtmlOutput}). The templates
 * are Java classes made at build time and called directly ({@link CompiledTemplates}); they see the model through
 * {@link MailModel}. Bodies are never built by concatenating customer data. The review call's emails also carry a
 * calendar invitation, built with iCal4j ({@link CalendarInvitations}).
 * <p>
 * Every email passes here, so here its request's links are added ({@link RequestLinks}), after the body, from
 * {@code request-links.jte} (text and HTML): every email to the customer ({@link Template.Audience#CUSTOMER})
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

    /** The base name of the links block added to every email ({@code request-links.jte}, text and HTML). */
    static final String LINKS = "request-links";

    /** The first buffer of a body and of a links block (characters): most of the emails fit. */
    private static final int BODY = 2048;
    private static final int LINKS_BLOCK = 256;

    private final CalendarInvitations invitations = new CalendarInvitations();
    private final RequestLinks links;

    public MailRenderer(RequestLinks links) {
        if (links == null) {
            throw new IllegalArgumentException("every email carries its request's links");
        }
        this.links = links;
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
        String subject = subject(template, ticketId);
        // kept apart from the model: no moment's variable can stand in for them
        MailModel model = new MailModel(variables, ticketId, subject, links, requestId, template.audience());
        String text = text(CompiledTemplates.textOf(template), template.file(), model, BODY);
        String html = html(CompiledTemplates.htmlOf(template), template.file(), model, BODY);
        String linksText = text(CompiledTemplates.LINKS_TEXT, LINKS, model, LINKS_BLOCK);
        String linksHtml = html(CompiledTemplates.LINKS_HTML, LINKS, model, LINKS_BLOCK);
        CalendarPart calendar = invitation == null ? null : invitations.write(invitation, ticketId);
        return new RenderedMail(subject, normalize(normalize(text) + "\n" + linksText), withLinks(html, linksHtml), calendar);
    }

    private static String text(CompiledTemplates.Text template, String file, MailModel model, int capacity) {
        StringOutput output = new StringOutput(capacity);
        try {
            template.render(output, null, model);
        } catch (RuntimeException e) {
            throw failed(file + ".txt", e);
        }
        return output.toString();
    }

    private static String html(CompiledTemplates.Html template, String file, MailModel model, int capacity) {
        MailHtmlOutput output = new MailHtmlOutput(capacity);
        try {
            template.render(output, null, model);
        } catch (RuntimeException e) {
            throw failed(file + ".html", e);
        }
        return output.toString();
    }

    /** A template that failed (a variable it needs is missing or of another type): its name, never the model's values. */
    private static IllegalStateException failed(String template, RuntimeException e) {
        return new IllegalStateException("mail template " + template + " could not be rendered: "
                + e.getClass().getSimpleName(), e);
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

    /**
     * Collapses the blank lines that template control lines leave behind: CR LF becomes LF, three or more line ends in a
     * row become two, the text is stripped and ends with one line end. CRLF line ends for SMTP are added by the mailer.
     * (What {@code text.replace("\r\n", "\n").replaceAll("\n{3,}", "\n\n").strip() + "\n"} does, without the regex.)
     */
    static String normalize(String text) {
        String lf = text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n");
        int run = lf.indexOf("\n\n\n");
        if (run < 0) {
            return lf.strip() + "\n";
        }
        // copied in runs (bulk copies, not char by char: the services run C1-only)
        StringBuilder normalized = new StringBuilder(lf.length());
        int from = 0;
        while (run >= 0) {
            normalized.append(lf, from, run + 2);
            from = run + 3;
            while (from < lf.length() && lf.charAt(from) == '\n') {
                from++;
            }
            run = lf.indexOf("\n\n\n", from);
        }
        normalized.append(lf, from, lf.length());
        return normalized.toString().strip() + "\n";
    }
}
