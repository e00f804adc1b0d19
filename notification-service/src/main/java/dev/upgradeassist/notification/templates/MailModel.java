package dev.upgradeassist.notification.templates;

import dev.upgradeassist.contracts.model.Deficiency;
import dev.upgradeassist.contracts.model.Finding;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * What a mail template sees ({@code @param MailModel m} in {@code src/main/jte/text|html/<file>.jte}): the
 * moment's variables by name, and what {@link MailRenderer} sets after them, so that no variable of a moment can stand
 * in for it: {@link #ticketId}, {@link #subject} and the request's links. Plain map look-ups and casts, no reflection.
 * <p>
 * The accessors keep the meaning the variables had in the Thymeleaf templates before (ADR 0019): an absent variable is
 * null and writes nothing; {@link #is} is Thymeleaf's truth of a value; a list that is absent is empty.
 */
public final class MailModel {

    private final Map<String, ?> variables;
    private final String ticketId;
    private final String subject;
    private final RequestLinks links;
    private final String requestId;
    private final boolean customer;
    private String requestPageUrl;

    /**
     * @param links     the request's links, made when a template asks for them (the runbook's only in the approval)
     * @param requestId the request the email is about (not blank)
     * @param audience  the customer's emails carry the customer's links, Support's the console's
     */
    MailModel(Map<String, ?> variables, String ticketId, String subject, RequestLinks links, String requestId,
              Template.Audience audience) {
        this.variables = variables == null ? Map.of() : variables;
        this.ticketId = ticketId;
        this.subject = subject;
        this.links = links;
        this.requestId = requestId;
        this.customer = audience == Template.Audience.CUSTOMER;
    }

    /** The ticket id (safe for a header; the subject carries it). */
    public String ticketId() {
        return ticketId;
    }

    public String subject() {
        return subject;
    }

    /** The customer's request page, in emails to the customer; else null. */
    public String requestPageUrl() {
        if (customer && requestPageUrl == null) {
            requestPageUrl = links.requestPage(requestId);
        }
        return requestPageUrl;
    }

    /** The customer's runbook, in emails to the customer; else null. */
    public String runbookUrl() {
        return customer ? RequestLinks.runbookOf(requestPageUrl()) : null;
    }

    /** The request in the support console, in Support's emails; else null. */
    public String consoleUrl() {
        return customer ? null : links.console(requestId);
    }

    /** The variable as text ({@code toString}), null when absent. */
    public String text(String name) {
        return str(variables.get(name));
    }

    /**
     * The variable as a link's {@code href}: empty when absent, so that the attribute is still written
     * ({@code href=""}), as the templates wrote it before.
     */
    public String href(String name) {
        Object value = variables.get(name);
        return value == null ? "" : value.toString();
    }

    /** True when the variable is there (not null). */
    public boolean has(String name) {
        return variables.get(name) != null;
    }

    /** The variable's truth as a template condition ({@link #truth}). */
    public boolean is(String name) {
        return truth(variables.get(name));
    }

    /** A time variable; null when absent. */
    public ShownTime time(String name) {
        return (ShownTime) variables.get(name);
    }

    /** A list variable; empty when absent. */
    public List<?> list(String name) {
        Object value = variables.get(name);
        return value == null ? List.of() : (List<?>) value;
    }

    /** True when the list variable is absent or empty. */
    public boolean empty(String name) {
        return list(name).isEmpty();
    }

    /** A list of deficiencies; empty when absent. */
    @SuppressWarnings("unchecked")
    public List<Deficiency> deficiencies(String name) {
        return (List<Deficiency>) list(name);
    }

    /** A list of findings; empty when absent. */
    @SuppressWarnings("unchecked")
    public List<Finding> findings(String name) {
        return (List<Finding>) list(name);
    }

    /** The list's items as text, joined with {@code ", "}. */
    public String joined(String name) {
        StringBuilder joined = new StringBuilder();
        for (Object item : list(name)) {
            if (!joined.isEmpty()) {
                joined.append(", ");
            }
            joined.append(item);
        }
        return joined.toString();
    }

    /** A value as text: null stays null (writes nothing). */
    public static String str(Object value) {
        return value == null ? null : value.toString();
    }

    /**
     * A value as a condition, as Thymeleaf took it: null is false, a boolean itself, a number true unless zero, a
     * character unless {@code \0}, a string unless {@code false}, {@code off} or {@code no}; anything else true.
     */
    public static boolean truth(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            if (n instanceof BigDecimal d) {
                return d.signum() != 0;
            }
            if (n instanceof BigInteger i) {
                return i.signum() != 0;
            }
            return n.doubleValue() != 0.0;
        }
        if (value instanceof Character c) {
            return c != 0;
        }
        if (value instanceof String s) {
            return !s.equalsIgnoreCase("false") && !s.equalsIgnoreCase("off") && !s.equalsIgnoreCase("no");
        }
        return true;
    }
}
