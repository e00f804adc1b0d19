package dev.upgradeassist.web.console;

import static dev.upgradeassist.web.client.ServiceClient.Target.INTAKE;
import static dev.upgradeassist.web.client.ServiceClient.Target.NOTIFICATION;
import static dev.upgradeassist.web.client.ServiceClient.Target.REVIEW;
import static dev.upgradeassist.web.client.ServiceClient.segment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.upgradeassist.web.client.ServiceCall;
import dev.upgradeassist.web.client.ServiceClient;
import dev.upgradeassist.web.security.ServiceTokens;

/**
 * The engineers' console: the queue, a request's page with its actions, and the upgrade-path page. Every page is
 * rendered from the services' answers; every action is a POST form (CSRF) that redirects back to the page with the
 * service's result or its problem details as a message.
 */
@Controller
public class ConsoleController {

    static final List<String> STATUSES = List.of("SUBMITTED", "IN_REVIEW", "AWAITING_INFO", "APPROVED", "DECLINED",
            "CALL_LINK_ISSUED", "CALL_BOOKED", "ON_HOLD", "ROLLBACK_ADVISED", "COMPLETED", "CLOSED");
    static final List<String> REGIONS = List.of("AMER", "EMEA", "APAC", "US_FEDERAL");
    static final List<String> FLAGS = List.of("multipleRailsNodes", "usersOver30k", "npmPackages",
            "largePipelineVariables", "largeCiPipelineMessages");
    /** The counts a team lead looks at that the queue's {@code total} can answer, one status each. */
    static final Map<String, String> COUNTS = counts();

    /** Request ids are UUIDs; anything else never reaches a service URL. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern SHORT_TEXT = Pattern.compile("[^\\p{Cntrl}]{0,200}");

    private final ServiceClient services;
    private final ServiceTokens tokens;

    public ConsoleController(ServiceClient services, ServiceTokens tokens) {
        this.services = services;
        this.tokens = tokens;
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
        ServiceCall call = services.get(INTAKE, "/api/v1/upgrade-requests", query);

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
            model.addAttribute("error", call.message());
        }
        model.addAttribute("counts", countsFor(null)); // the team lead's numbers: the whole queue
        return "queue";
    }

    @GetMapping("/console/requests/{id}")
    String request(@PathVariable String id, Model model) {
        model.addAttribute("me", tokens.currentUser());
        model.addAttribute("id", id);
        if (!ID.matcher(id).matches()) {
            model.addAttribute("error", "There is no request with that id.");
            return "request";
        }
        ServiceCall view = services.get(INTAKE, "/api/v1/upgrade-requests/" + segment(id));
        if (view instanceof ServiceCall.Ok ok) {
            model.addAttribute("request", ok.map());
        } else {
            model.addAttribute("error", view.message());
            return "request";
        }
        ServiceCall review = services.get(REVIEW, "/api/v1/reviews/" + segment(id));
        if (review instanceof ServiceCall.Ok reviewOk) {
            model.addAttribute("review", reviewOk.map());
        } else if (!(review instanceof ServiceCall.Problem p && p.status() == 404)) {
            model.addAttribute("reviewError", review.message());
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
        return act(id, flash, () -> services.post(INTAKE, "/api/v1/upgrade-requests/" + segment(id) + "/assignment",
                Map.of()), "You are now assigned to this request.");
    }

    @PostMapping("/console/requests/{id}/comments")
    String comment(@PathVariable String id, @RequestParam(defaultValue = "") String body,
                   @RequestParam(defaultValue = "") String visibility, RedirectAttributes flash) {
        if (!"PUBLIC".equals(visibility) && !"INTERNAL".equals(visibility)) {
            return refuse(id, flash, "Choose whether this is a reply to the customer or an internal note.");
        }
        if (body.isBlank()) {
            return refuse(id, flash, "Write something before sending.");
        }
        Map<String, Object> comment = new LinkedHashMap<>();
        comment.put("body", body);
        comment.put("visibility", visibility);
        return act(id, flash, () -> services.post(INTAKE, "/api/v1/upgrade-requests/" + segment(id) + "/comments", comment),
                "PUBLIC".equals(visibility) ? "Your reply was sent to the customer." : "Your internal note was added.");
    }

    @PostMapping("/console/requests/{id}/approve")
    String approve(@PathVariable String id, @RequestParam(defaultValue = "") String feedback,
                   @RequestParam(required = false) Integer revision, RedirectAttributes flash) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (!feedback.isBlank()) {
            body.put("feedback", feedback);
        }
        if (revision != null) {
            body.put("revision", revision);
        }
        return act(id, flash, () -> services.post(REVIEW, "/api/v1/reviews/" + segment(id) + "/approve", body),
                "The plan is approved.");
    }

    @PostMapping("/console/requests/{id}/request-changes")
    String requestChanges(@PathVariable String id, @RequestParam(defaultValue = "") String feedback,
                          @RequestParam(defaultValue = "") String field, @RequestParam(defaultValue = "") String message,
                          @RequestParam(defaultValue = "") String hint, @RequestParam(required = false) Integer revision,
                          RedirectAttributes flash) {
        if (!SHORT_TEXT.matcher(field).matches()) {
            return refuse(id, flash, "The field name must be one line of at most 200 characters.");
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
        return act(id, flash, () -> services.post(REVIEW, "/api/v1/reviews/" + segment(id) + "/request-changes", body),
                "Changes were requested from the customer.");
    }

    @PostMapping("/console/requests/{id}/decline")
    String decline(@PathVariable String id, @RequestParam(defaultValue = "ENGINEER_DECLINED") String reason,
                   @RequestParam(defaultValue = "") String explanation, RedirectAttributes flash) {
        if (!"ENGINEER_DECLINED".equals(reason) && !"POSTPONE_RECOMMENDED".equals(reason)) {
            return refuse(id, flash, "Choose a reason: decline, or recommend postponing.");
        }
        if (explanation.isBlank()) {
            return refuse(id, flash, "Explain the decision to the customer.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        body.put("explanation", explanation);
        return act(id, flash, () -> services.post(REVIEW, "/api/v1/reviews/" + segment(id) + "/decline", body),
                "POSTPONE_RECOMMENDED".equals(reason) ? "Postponing was recommended to the customer." : "The request is declined.");
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
        COUNTS.forEach((label, status) -> {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("status", status);
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

    private String act(String id, RedirectAttributes flash, Action action, String success) {
        if (!ID.matcher(id).matches()) {
            return refuse(id, flash, "There is no request with that id.");
        }
        ServiceCall result = action.call();
        if (result.ok()) {
            flash.addFlashAttribute("result", success);
        } else {
            flash.addFlashAttribute("problem", result.message());
        }
        return "redirect:/console/requests/" + (ID.matcher(id).matches() ? id : "");
    }

    private String refuse(String id, RedirectAttributes flash, String message) {
        flash.addFlashAttribute("problem", message);
        return ID.matcher(id).matches() ? "redirect:/console/requests/" + id : "redirect:/console";
    }

    /** Whether {@code value} is one of {@code allowed} (null never is; List.of refuses contains(null)). */
    private static boolean oneOf(List<String> allowed, String value) {
        return value != null && allowed.contains(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Map<String, String> counts() {
        Map<String, String> counts = new LinkedHashMap<>();
        counts.put("New", "SUBMITTED");
        counts.put("In review", "IN_REVIEW");
        counts.put("Waiting on customer", "AWAITING_INFO");
        counts.put("On hold", "ON_HOLD");
        return counts;
    }
}
