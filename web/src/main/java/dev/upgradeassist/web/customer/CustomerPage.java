package dev.upgradeassist.web.customer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the customer's request page shows, picked field by field from the PORTAL request view: only what is named here
 * ever reaches the template (no ccs, no organization, no assignee, no timeline actors, no INTERNAL comment, no email
 * address where a name is expected).
 *
 * @param ticketId     the ticket id ({@code UA-…})
 * @param status       the status code ({@code ON_HOLD})
 * @param statusLabel  the status in two or three words
 * @param statusTitle  the status as a sentence
 * @param statusText   what it means for the customer and what happens next
 * @param deficiencies what is missing, with its hint
 * @param findings     what the review found that does not block approval
 * @param requiredStops the reviewed path, in order
 * @param decision     the latest review decision (null: none yet)
 * @param call         the booked review call (null: none)
 * @param bookingLinkExpiresAt when an open booking link expires (null: none open)
 * @param comments     the PUBLIC conversation, oldest first
 * @param replyOpen    whether the request still takes replies (not closed or completed)
 * @param outcomeOpen  whether the outcome form is shown (ON_HOLD, ROLLBACK_ADVISED)
 * @param runbook      whether the runbook link is shown
 * @param receivedAt   when the request was received (null: unknown)
 */
public record CustomerPage(String ticketId, String status, String statusLabel, String statusTitle, String statusText,
                           List<Deficiency> deficiencies, List<Finding> findings, List<String> requiredStops,
                           Decision decision, Call call, When bookingLinkExpiresAt, List<Comment> comments,
                           boolean replyOpen, boolean outcomeOpen, boolean runbook, When receivedAt) {

    /** A time as {@code <time class="when" datetime="iso">text</time>} shows it: UTC text, ISO instant. */
    public record When(String iso, String text) {
    }

    public record Deficiency(String field, String message, String hint) {
    }

    public record Finding(String severity, String message) {
    }

    public record Decision(String title, String by, String feedback, When at) {
    }

    public record Call(When start, When end) {
    }

    public record Comment(String author, boolean mine, String body, When at) {
    }

    /**
     * Whether the conversation already shows this reply of the customer's. A reply just sent may not be in intake's
     * view yet (the view follows the events): the page then shows it as sent, from the flash, until it is.
     */
    public boolean showsMyReply(String body) {
        return body == null || comments.stream().anyMatch(c -> c.mine() && body.equals(c.body()));
    }

    static final Set<String> OUTCOME_STATUSES = Set.of("ON_HOLD", "ROLLBACK_ADVISED");
    static final Set<String> RUNBOOK_STATUSES = Set.of("APPROVED", "CALL_LINK_ISSUED", "CALL_BOOKED", "ON_HOLD",
            "COMPLETED");
    private static final Set<String> NO_REPLY_STATUSES = Set.of("CLOSED", "COMPLETED");

    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>]+@[^\\s@<>]+");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** The page for a request view as intake's PORTAL lookup answered it. */
    static CustomerPage of(Map<String, Object> view) {
        String status = text(view.get("status"));
        String[] words = StatusWords.of(status, text(view.get("closedReason")));
        List<Deficiency> deficiencies = new ArrayList<>();
        for (Map<?, ?> d : maps(view.get("deficiencies"))) {
            String message = text(d.get("message"));
            String hint = text(d.get("hint"));
            if (message != null || hint != null) {
                deficiencies.add(new Deficiency(FieldWords.of(text(d.get("field"))), message, hint));
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (Map<?, ?> f : maps(view.get("findings"))) {
            String message = text(f.get("message"));
            if (message != null) {
                findings.add(new Finding(severity(text(f.get("severity"))), message));
            }
        }
        List<String> stops = new ArrayList<>();
        if (view.get("requiredStops") instanceof List<?> list) {
            list.stream().map(CustomerPage::text).filter(s -> s != null && !s.isBlank()).forEach(stops::add);
        }
        List<Comment> comments = new ArrayList<>();
        for (Map<?, ?> c : maps(view.get("comments"))) {
            // intake leaves INTERNAL out for a PORTAL caller; a comment that is not explicitly PUBLIC is not shown
            if (!"PUBLIC".equals(text(c.get("visibility"))) || text(c.get("body")) == null) {
                continue;
            }
            boolean mine = "CUSTOMER".equals(text(c.get("authorRole"))) || "customer".equals(text(c.get("author")));
            comments.add(new Comment(mine ? "You" : person(text(c.get("author"))), mine, text(c.get("body")),
                    when(c.get("at"))));
        }
        Decision decision = null;
        if (view.get("reviewDecision") instanceof Map<?, ?> d && text(d.get("decision")) != null) {
            decision = new Decision(decisionTitle(text(d.get("decision"))), reviewer(text(d.get("by"))),
                    blankToNull(text(d.get("feedback"))), when(d.get("at")));
        }
        Call call = null;
        if (view.get("reviewCall") instanceof Map<?, ?> c && when(c.get("start")) != null) {
            call = new Call(when(c.get("start")), when(c.get("end")));
        }
        When linkExpires = null;
        if (view.get("bookingLink") instanceof Map<?, ?> link && "ISSUED".equals(text(link.get("status")))) {
            linkExpires = when(link.get("expiresAt"));
            if (linkExpires == null) {
                linkExpires = new When(null, "");
            }
        }
        return new CustomerPage(text(view.get("ticketId")), status, words[0], words[1], words[2], deficiencies,
                findings, stops, decision, call, linkExpires, comments,
                status == null || !NO_REPLY_STATUSES.contains(status),
                status != null && OUTCOME_STATUSES.contains(status),
                status != null && RUNBOOK_STATUSES.contains(status), received(view));
    }

    /** A CSS-safe token of the status, for its colour (the status is always written out too). */
    public String statusClass() {
        return status == null ? "unknown" : status.toLowerCase(Locale.ROOT).replaceAll("[^a-z_]", "");
    }

    /** A name shown for a person: never an email address. */
    static String person(String name) {
        if (name == null || name.isBlank()) {
            return "GitLab Support";
        }
        return EMAIL.matcher(name).find() ? "Support engineer" : name;
    }

    private static String reviewer(String by) {
        if (by == null || by.isBlank() || "system".equals(by)) {
            return null; // the automatic review
        }
        return person(by);
    }

    private static String decisionTitle(String decision) {
        return switch (decision) {
            case "AWAITING_APPROVAL" -> "Waiting for an engineer's approval";
            case "APPROVED" -> "Plan approved";
            case "CHANGES_REQUESTED" -> "Changes requested";
            case "INFO_MISSING" -> "Information missing";
            case "DECLINED" -> "Declined";
            default -> StatusWords.words(decision);
        };
    }

    private static String severity(String severity) {
        if (severity == null) {
            return "Note";
        }
        return switch (severity) {
            case "WARNING" -> "Warning";
            case "ADVISORY" -> "Advice";
            case "INFO" -> "Note";
            default -> StatusWords.words(severity);
        };
    }

    /** {@code receivedAt} when the view has it, else the time of the timeline's RequestReceived. */
    private static When received(Map<String, Object> view) {
        When at = when(view.get("receivedAt"));
        if (at != null) {
            return at;
        }
        for (Map<?, ?> entry : maps(view.get("timeline"))) {
            if ("RequestReceived".equals(text(entry.get("type")))) {
                return when(entry.get("at"));
            }
        }
        return null;
    }

    static When when(Object value) {
        if (value == null || String.valueOf(value).isBlank()) {
            return null;
        }
        String text = String.valueOf(value);
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                instant = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                return new When(null, text);
            }
        }
        return new When(instant.toString(), UTC.format(instant));
    }

    private static List<Map<?, ?>> maps(Object value) {
        List<Map<?, ?>> maps = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> m) {
                    maps.add(m);
                }
            }
        }
        return maps;
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
