package dev.upgradeassist.web.console;

import static dev.upgradeassist.web.client.ServiceClient.Target.INTAKE;
import static dev.upgradeassist.web.client.ServiceClient.Target.NOTIFICATION;
import static dev.upgradeassist.web.client.ServiceClient.Target.REVIEW;
import static dev.upgradeassist.web.client.ServiceClient.Target.SCHEDULING;
import static dev.upgradeassist.web.client.ServiceClient.segment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.upgradeassist.web.WebProperties;
import dev.upgradeassist.web.client.ServiceCall;
import dev.upgradeassist.web.client.ServiceClient;
import dev.upgradeassist.web.security.ServiceTokens;

/**
 * The engineers' console: the queue, a request's page with its actions, and the upgrade-path page. Every page is
 * rendered from the services' answers; every action is a POST form (CSRF) that redirects back to its own form on the
 * page ({@code #act-<action>}) with the service's result or its problem details shown there. What the services would
 * refuse and the limits are known for (lengths, control characters, names, confirmations) is refused here first,
 * with a sentence and what was typed kept in the form; nothing reaches a service then.
 */
@Controller
public class ConsoleController {

    static final List<String> STATUSES = List.of("SUBMITTED", "IN_REVIEW", "AWAITING_INFO", "APPROVED", "DECLINED",
            "CALL_LINK_ISSUED", "CALL_BOOKED", "ON_HOLD", "ROLLBACK_ADVISED", "COMPLETED", "CLOSED");
    static final List<String> REGIONS = List.of("AMER", "EMEA", "APAC", "US_FEDERAL");
    static final List<String> FLAGS = List.of("multipleRailsNodes", "usersOver30k", "npmPackages",
            "largePipelineVariables", "largeCiPipelineMessages");
    /** The counts a team lead looks at that the queue's {@code total} can answer, one status each. */
    /** The team lead's numbers: label → the queue filter whose total it is. */
    static final Map<String, Map<String, Object>> COUNTS = counts();

    /** Request ids are UUIDs; anything else never reaches a service URL. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern SHORT_TEXT = Pattern.compile("[^\\p{Cntrl}]{0,200}");
    /** The most of one field kept for the form after a refusal (the longest limit, with room to see it is over). */
    private static final int DRAFT_MAX = 25_000;
    /** A version as the upgrade-path question takes it: 16.3.9, 17.3, v17.3.7-ee. */
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,19}");
    /** An engineer's name as the roster has it (review and scheduling accept no other characters). */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._'@-]{1,100}");

    private final ServiceClient services;
    private final ServiceTokens tokens;
    private final List<String> engineers;

    public ConsoleController(ServiceClient services, ServiceTokens tokens, WebProperties properties) {
        this.services = services;
        this.tokens = tokens;
        this.engineers = properties.engineers() == null ? List.of() : List.copyOf(properties.engineers());
    }

    @GetMapping("/")
    String home() {
        return "redirect:/console";
    }

    @GetMapping("/console")
    String queue(@RequestParam(required = false) String status, @RequestParam(required = false) String region,
                 @RequestParam(required = false) String assignee, @RequestParam(defaultValue = "false") boolean mine,
                 @RequestParam(defaultValue = "due") String sort, @RequestParam(defaultValue = "0") int page,
                 @RequestParam(defaultValue = "20") int size, Model model) {
        String me = tokens.currentUser();
        String who = mine ? me : blankToNull(assignee);
        String assigneeProblem = null;
        if (who != null && !NAME.matcher(who).matches()) {
            assigneeProblem = "The assignee must be an engineer's name: letters, digits, spaces and . _ ' @ -, at most 100 characters.";
            who = null;
        }
        int pageNumber = Math.max(0, page);
        int pageSize = Math.min(100, Math.max(1, size));
        String order = "received".equals(sort) ? "received" : "due";
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("status", oneOf(STATUSES, status) ? status : null);
        query.put("region", oneOf(REGIONS, region) ? region : null);
        query.put("assignee", who);
        query.put("sort", order);
        query.put("page", pageNumber);
        query.put("size", pageSize);
        ServiceCall call = assigneeProblem != null
                ? new ServiceCall.Problem("upgrade-assist web", 400, null, assigneeProblem, List.of())
                : services.get(INTAKE, "/api/v1/upgrade-requests", query);

        model.addAttribute("me", me);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("regions", REGIONS);
        model.addAttribute("status", oneOf(STATUSES, status) ? status : "");
        model.addAttribute("region", oneOf(REGIONS, region) ? region : "");
        model.addAttribute("assignee", mine ? "" : (who == null ? "" : who));
        model.addAttribute("mine", mine);
        model.addAttribute("sort", order);
        model.addAttribute("size", pageSize);
        model.addAttribute("page", pageNumber);
        if (call instanceof ServiceCall.Ok ok) {
            Map<String, Object> body = ok.map();
            List<?> items = body.get("items") instanceof List<?> l ? l : List.of();
            long total = body.get("total") instanceof Number n ? n.longValue() : items.size();
            model.addAttribute("items", items);
            model.addAttribute("total", total);
            model.addAttribute("hasPrevious", pageNumber > 0);
            model.addAttribute("hasNext", (long) (pageNumber + 1) * pageSize < total);
            model.addAttribute("lastPage", total == 0 ? 0 : (total - 1) / pageSize);
        } else {
            model.addAttribute("items", List.of());
            model.addAttribute("total", 0);
            model.addAttribute("error", assigneeProblem != null ? assigneeProblem : call.message());
        }
        model.addAttribute("counts", countsFor(null)); // the team lead's numbers: the whole queue
        return "queue";
    }

    @GetMapping("/console/requests/{id}")
    String request(@PathVariable String id, Model model) {
        model.addAttribute("me", tokens.currentUser());
        model.addAttribute("id", id);
        model.addAttribute("engineers", engineers);
        model.addAttribute("limits", Limits.ALL);
        if (!ID.matcher(id).matches()) {
            model.addAttribute("error", "There is no request with that id.");
            return "request";
        }
        ServiceCall view = services.get(INTAKE, "/api/v1/upgrade-requests/" + segment(id));
        Map<String, Object> request;
        if (view instanceof ServiceCall.Ok ok) {
            request = ok.map();
            model.addAttribute("request", request);
        } else {
            model.addAttribute("error", view.message());
            return "request";
        }
        ServiceCall review = services.get(REVIEW, "/api/v1/reviews/" + segment(id));
        Map<String, Object> reviewBody = null;
        if (review instanceof ServiceCall.Ok reviewOk) {
            reviewBody = reviewOk.map();
            model.addAttribute("review", reviewBody);
        } else if (!(review instanceof ServiceCall.Problem p && p.status() == 404)) {
            model.addAttribute("reviewError", review.message());
        }
        Map<?, ?> submission = reviewBody != null && reviewBody.get("submission") instanceof Map<?, ?> s ? s : null;
        model.addAttribute("submission", submission);
        List<?> requiredStops = reviewBody != null && reviewBody.get("requiredStops") instanceof List<?> l ? l
                : request.get("requiredStops") instanceof List<?> l2 ? l2 : List.of();
        if (submission != null) {
            List<?> hops = submission.get("upgradePlan") instanceof Map<?, ?> plan && plan.get("hops") instanceof List<?> h
                    ? h : List.of();
            List<StopsComparison.Row> rows = StopsComparison.compare(requiredStops, hops, submission.get("targetVersion"));
            model.addAttribute("stops", rows);
            model.addAttribute("stopsDiffer", StopsComparison.differs(rows));
        }
        ServiceCall emails = services.get(NOTIFICATION, "/api/v1/notifications", Map.of("requestId", id));
        if (emails instanceof ServiceCall.Ok emailsOk) {
            model.addAttribute("emails", emailsOk.list());
        } else {
            model.addAttribute("emails", List.of());
            model.addAttribute("emailsError", emails.message());
        }
        model.addAttribute("fields", List.of("plan", "rollbackPlan", "window", "currentVersion", "targetVersion",
                "architecture", "backups", "additionalInfo"));
        return "request";
    }

    @PostMapping("/console/requests/{id}/assign")
    String assign(@PathVariable String id, RedirectAttributes flash) {
        return act(id, "assign", flash, () -> services.post(INTAKE, "/api/v1/upgrade-requests/" + segment(id) + "/assignment",
                Map.of()), "You are now assigned to this request.");
    }

    @PostMapping("/console/requests/{id}/comments")
    String comment(@PathVariable String id, @RequestParam(defaultValue = "") String body,
                   @RequestParam(defaultValue = "") String visibility, RedirectAttributes flash) {
        keep(flash, "comment-body", body, "visibility", visibility);
        if (!"PUBLIC".equals(visibility) && !"INTERNAL".equals(visibility)) {
            return refuse(id, "comment", flash, "Choose whether this is a reply to the customer or an internal note.");
        }
        if (body.isBlank()) {
            return refuse(id, "comment", flash, "Write something before sending.");
        }
        // control characters are intake's to refuse (its 400 names the field); the length is known here
        String tooLong = Limits.tooLong("The message", body, Limits.COMMENT);
        if (tooLong != null) {
            return refuse(id, "comment", flash, tooLong);
        }
        Map<String, Object> comment = new LinkedHashMap<>();
        comment.put("body", body);
        comment.put("visibility", visibility);
        return act(id, "comment", flash, () -> services.post(INTAKE, "/api/v1/upgrade-requests/" + segment(id) + "/comments", comment),
                "PUBLIC".equals(visibility) ? "Your reply was sent to the customer." : "Your internal note was added.");
    }

    @PostMapping("/console/requests/{id}/approve")
    String approve(@PathVariable String id, @RequestParam(defaultValue = "") String feedback,
                   @RequestParam(required = false) Integer revision, RedirectAttributes flash) {
        keep(flash, "approve-feedback", feedback);
        String invalid = Limits.text("The feedback", feedback, Limits.FEEDBACK);
        if (invalid != null) {
            return refuse(id, "approve", flash, invalid);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (!feedback.isBlank()) {
            body.put("feedback", feedback);
        }
        if (revision != null) {
            body.put("revision", revision);
        }
        return act(id, "approve", flash, () -> services.post(REVIEW, "/api/v1/reviews/" + segment(id) + "/approve", body),
                "The plan is approved.");
    }

    @PostMapping("/console/requests/{id}/request-changes")
    String requestChanges(@PathVariable String id, @RequestParam(defaultValue = "") String feedback,
                          @RequestParam(defaultValue = "") String field, @RequestParam(defaultValue = "") String message,
                          @RequestParam(defaultValue = "") String hint, @RequestParam(required = false) Integer revision,
                          RedirectAttributes flash) {
        keep(flash, "rc-field", field, "rc-message", message, "rc-hint", hint, "rc-feedback", feedback);
        if (!SHORT_TEXT.matcher(field).matches()) {
            return refuse(id, "request-changes", flash, "The field name must be one line of at most 200 characters.");
        }
        String invalid = firstProblem(Limits.text("What to change", message, Limits.ITEM_MESSAGE),
                Limits.text("The hint", hint, Limits.ITEM_HINT), Limits.text("The feedback", feedback, Limits.FEEDBACK));
        if (invalid != null) {
            return refuse(id, "request-changes", flash, invalid);
        }
        if (field.isBlank() != message.isBlank()) {
            return refuse(id, "request-changes", flash, "An item needs both the field and what to change.");
        }
        if (field.isBlank() && feedback.isBlank()) {
            return refuse(id, "request-changes", flash, "Name a field and what to change, or write feedback for the customer.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (!feedback.isBlank()) {
            body.put("feedback", feedback);
        }
        if (!field.isBlank() || !message.isBlank()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("field", field);
            item.put("message", message);
            if (!hint.isBlank()) {
                item.put("hint", hint);
            }
            body.put("items", List.of(item));
        }
        if (revision != null) {
            body.put("revision", revision);
        }
        return act(id, "request-changes", flash, () -> services.post(REVIEW, "/api/v1/reviews/" + segment(id) + "/request-changes", body),
                "Changes were requested from the customer.");
    }

    @PostMapping("/console/requests/{id}/decline")
    String decline(@PathVariable String id, @RequestParam(defaultValue = "ENGINEER_DECLINED") String reason,
                   @RequestParam(defaultValue = "") String explanation, RedirectAttributes flash) {
        keep(flash, "decline-reason", reason, "decline-explanation", explanation);
        if (!"ENGINEER_DECLINED".equals(reason) && !"POSTPONE_RECOMMENDED".equals(reason)) {
            return refuse(id, "decline", flash, "Choose a reason: decline, or recommend postponing.");
        }
        if (explanation.isBlank()) {
            return refuse(id, "decline", flash, "Explain the decision to the customer.");
        }
        String invalid = Limits.text("The explanation", explanation, Limits.EXPLANATION);
        if (invalid != null) {
            return refuse(id, "decline", flash, invalid);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        body.put("explanation", explanation);
        return act(id, "decline", flash, () -> services.post(REVIEW, "/api/v1/reviews/" + segment(id) + "/decline", body),
                "POSTPONE_RECOMMENDED".equals(reason) ? "Postponing was recommended to the customer." : "The request is declined.");
    }

    /** scheduling-service's hand-off: only once the engineers synced (the service refuses it otherwise, 409). */
    @PostMapping("/console/requests/{id}/handoff")
    String handOff(@PathVariable String id, @RequestParam(defaultValue = "") String toEngineer,
                   @RequestParam(defaultValue = "false") String syncCompleted, @RequestParam(defaultValue = "") String notes,
                   RedirectAttributes flash) {
        String to = toEngineer.strip();
        keep(flash, "handoff-to", toEngineer, "handoff-notes", notes);
        if (to.isEmpty()) {
            return refuse(id, "handoff", flash, "Name the engineer who takes the request over.");
        }
        if (!NAME.matcher(to).matches()) {
            return refuse(id, "handoff", flash,
                    "The engineer must be a name: letters, digits, spaces and . _ ' @ -, at most 100 characters.");
        }
        String invalid = Limits.text("The hand-off notes", notes, Limits.HANDOFF_NOTES);
        if (invalid != null) {
            return refuse(id, "handoff", flash, invalid);
        }
        if (!"true".equals(syncCompleted) && !"on".equals(syncCompleted)) {
            return refuse(id, "handoff", flash,
                    "Sync with " + to + " first (call or chat), then confirm it with the check box to hand off.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("toEngineer", to);
        body.put("syncCompleted", true);
        if (!notes.isBlank()) {
            body.put("notes", notes.strip());
        }
        return act(id, "handoff", flash, () -> services.post(SCHEDULING, "/api/v1/upgrade-requests/" + segment(id) + "/handoff", body),
                ok -> {
                    Map<String, Object> handed = ok.map();
                    String who = handed.get("toEngineer") == null ? to : String.valueOf(handed.get("toEngineer"));
                    if (Boolean.FALSE.equals(handed.get("changed"))) {
                        return who + " already owns this request; nothing changed.";
                    }
                    return "The request is handed off to " + who + "."
                            + (handed.get("callStart") != null ? " The review call moved to " + who + " too." : "");
                });
    }

    /** A new single-use booking link (scheduling revokes any open one); 409 unless approved, ≥ 2 days out, not booked. */
    @PostMapping("/console/requests/{id}/booking-link")
    String reissueBookingLink(@PathVariable String id, RedirectAttributes flash) {
        return act(id, "booking-link", flash,
                () -> services.post(SCHEDULING, "/api/v1/upgrade-requests/" + segment(id) + "/booking-link", null),
                "A new booking link was issued and sent to the customer; the previous one no longer works.");
    }

    @PostMapping("/console/requests/{id}/auto-close")
    String autoClose(@PathVariable String id, @RequestParam(defaultValue = "") String enabled, RedirectAttributes flash) {
        if (!"true".equals(enabled) && !"false".equals(enabled)) {
            return refuse(id, "auto-close", flash, "Choose whether auto-close is on or off.");
        }
        boolean on = Boolean.parseBoolean(enabled);
        return act(id, "auto-close", flash,
                () -> services.post(INTAKE, "/api/v1/upgrade-requests/" + segment(id) + "/auto-close", Map.of("enabled", on)),
                on ? "Auto-close is on again: the request closes if the customer does not answer."
                        : "Auto-close is off: this request is never closed for want of an answer.");
    }

    @PostMapping("/console/requests/{id}/close")
    String close(@PathVariable String id, @RequestParam(defaultValue = "false") String confirm, RedirectAttributes flash) {
        if (!"true".equals(confirm) && !"on".equals(confirm)) {
            return refuse(id, "close", flash, "Tick the confirmation to close the request; nothing was closed.");
        }
        return act(id, "close", flash,
                () -> services.post(INTAKE, "/api/v1/upgrade-requests/" + segment(id) + "/close", null),
                "The request is closed.");
    }

    @GetMapping("/console/upgrade-path")
    String upgradePath(@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
                       @RequestParam Map<String, String> params, Model model) {
        model.addAttribute("me", tokens.currentUser());
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("flagNames", FLAGS);
        Map<String, Boolean> flags = new LinkedHashMap<>();
        FLAGS.forEach(f -> flags.put(f, "true".equals(params.get(f)) || "on".equals(params.get(f))));
        model.addAttribute("flags", flags);
        if (from.isBlank() && to.isBlank()) {
            return "upgrade-path";
        }
        if (!VERSION.matcher(from.strip()).matches() || !VERSION.matcher(to.strip()).matches()) {
            model.addAttribute("error", "Give both versions as numbers like 16.3.9 or 17.3 (at most 20 characters).");
            return "upgrade-path";
        }
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("from", from.strip());
        query.put("to", to.strip());
        flags.forEach((f, on) -> query.put(f, on ? "true" : null));
        ServiceCall call = services.get(REVIEW, "/api/v1/upgrade-paths", query);
        if (call instanceof ServiceCall.Ok ok) {
            model.addAttribute("path", ok.map());
        } else {
            model.addAttribute("error", call.message());
        }
        return "upgrade-path";
    }

    private Map<String, Object> countsFor(String who) {
        Map<String, Object> counts = new LinkedHashMap<>();
        COUNTS.forEach((label, filter) -> {
            Map<String, Object> query = new LinkedHashMap<>(filter);
            query.put("assignee", who);
            query.put("page", 0);
            query.put("size", 1);
            ServiceCall call = services.get(INTAKE, "/api/v1/upgrade-requests", query);
            counts.put(label, call instanceof ServiceCall.Ok ok && ok.map().get("total") instanceof Number n ? n : "?");
        });
        return counts;
    }

    private interface Action {
        ServiceCall call();
    }

    private String act(String id, String action, RedirectAttributes flash, Action call, String success) {
        return act(id, action, flash, call, ok -> success);
    }

    /**
     * Calls the service (never for an id that is not one) and redirects back to the action's own form on the request
     * page, where its result or the service's problem details are shown ({@code action} names the form).
     */
    private String act(String id, String action, RedirectAttributes flash, Action call,
                       Function<ServiceCall.Ok, String> success) {
        if (!ID.matcher(id).matches()) {
            return refuse(id, action, flash, "There is no request with that id.");
        }
        ServiceCall result = call.call();
        if (result instanceof ServiceCall.Ok ok) {
            flash.addFlashAttribute("result", success.apply(ok));
            flash.addFlashAttribute("draft", Map.of()); // done: the form starts empty again
        } else {
            flash.addFlashAttribute("problem", result.message());
        }
        flash.addFlashAttribute("action", action);
        return "redirect:/console/requests/" + id + "#act-" + action;
    }

    /** A refusal made here, before any service is asked, shown in place like a service's problem. */
    private String refuse(String id, String action, RedirectAttributes flash, String message) {
        flash.addFlashAttribute("problem", message);
        if (!ID.matcher(id).matches()) {
            return "redirect:/console";
        }
        flash.addFlashAttribute("action", action);
        return "redirect:/console/requests/" + id + "#act-" + action;
    }

    private static String firstProblem(String... problems) {
        for (String p : problems) {
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /**
     * What the engineer typed, kept for the form when the action is refused or the service answers with a problem
     * (pairs of form-field id and value): without control characters and cut at {@link #DRAFT_MAX} characters.
     */
    private static void keep(RedirectAttributes flash, String... idsAndValues) {
        Map<String, String> draft = new LinkedHashMap<>();
        for (int i = 0; i + 1 < idsAndValues.length; i += 2) {
            String value = idsAndValues[i + 1] == null ? "" : idsAndValues[i + 1];
            StringBuilder clean = new StringBuilder();
            value.codePoints().filter(c -> c == '\n' || c == '\r' || c == '\t' || !Character.isISOControl(c))
                    .limit(DRAFT_MAX).forEach(clean::appendCodePoint);
            draft.put(idsAndValues[i], clean.toString());
        }
        flash.addFlashAttribute("draft", draft);
    }

    /** Whether {@code value} is one of {@code allowed} (null never is; List.of refuses contains(null)). */
    private static boolean oneOf(List<String> allowed, String value) {
        return value != null && allowed.contains(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Map<String, Map<String, Object>> counts() {
        Map<String, Map<String, Object>> counts = new LinkedHashMap<>();
        counts.put("Open", Map.of("open", true));
        counts.put("Breached", Map.of("open", true, "breached", true));
        counts.put("New", Map.of("status", "SUBMITTED"));
        counts.put("In review", Map.of("status", "IN_REVIEW"));
        counts.put("Waiting on customer", Map.of("status", "AWAITING_INFO"));
        counts.put("On hold", Map.of("status", "ON_HOLD"));
        return counts;
    }
}
