package dev.upgradeassist.web.customer;

import static dev.upgradeassist.web.client.ServiceClient.Target.INTAKE;
import static dev.upgradeassist.web.client.ServiceClient.Target.REVIEW;
import static dev.upgradeassist.web.client.ServiceClient.segment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.upgradeassist.web.client.ServiceCall;
import dev.upgradeassist.web.client.ServiceClient;

/**
 * The customer's request page, {@code /r/{token}}: public (the link from the customer's emails is the key), plain
 * forms, no JavaScript needed. Every call goes to the services with the machine PORTAL token
 * ({@link ServiceClient#asPortal()}), never an engineer's; the token is resolved by intake on every request (GET and
 * POST), so the request id never comes from the browser. The token is never logged nor put in a service URL.
 */
@Controller
public class CustomerController {

    /** The shape of a page token (platform's CustomerPageTokens.SHAPE): anything else is answered 404 with no call. */
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** intake's comment limit, in characters (Unicode code points). */
    static final int MAX_REPLY = 20_000;
    /** The outcome's details: the same limit as a reply. */
    static final int MAX_DETAILS = 20_000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final ServiceClient.Portal portal;

    public CustomerController(ServiceClient services) {
        this.portal = services.asPortal();
    }

    @GetMapping("/r/{token}")
    ModelAndView page(@PathVariable String token) {
        Lookup lookup = lookup(token);
        if (lookup.failure() != null) {
            return lookup.failure();
        }
        return page(token, lookup.view(), HttpStatus.OK);
    }

    @PostMapping("/r/{token}/reply")
    ModelAndView reply(@PathVariable String token, @RequestParam(name = "body", required = false) String body,
                       RedirectAttributes flash) {
        Lookup lookup = lookup(token);
        if (lookup.failure() != null) {
            return lookup.failure();
        }
        String text = body == null ? "" : body;
        String invalid = invalidText(text, MAX_REPLY, true, "reply");
        if (invalid != null) {
            return page(token, lookup.view(), HttpStatus.BAD_REQUEST)
                    .addObject("replyProblem", invalid).addObject("draft", clip(text));
        }
        Map<String, Object> comment = new LinkedHashMap<>();
        comment.put("body", text);
        comment.put("visibility", "PUBLIC");
        ServiceCall sent = portal.post(INTAKE, "/api/v1/upgrade-requests/" + segment(lookup.id()) + "/comments", comment);
        if (sent.ok()) {
            flash.addFlashAttribute("sent", "Your reply was sent.");
            flash.addFlashAttribute("sentReply", text);
            return new ModelAndView("redirect:/r/" + token);
        }
        return page(token, lookup.view(), statusFor(sent))
                .addObject("replyProblem", replyProblem(sent)).addObject("draft", clip(text));
    }

    @PostMapping("/r/{token}/outcome")
    ModelAndView outcome(@PathVariable String token, @RequestParam(name = "result", required = false) String result,
                         @RequestParam(name = "details", required = false) String details, RedirectAttributes flash) {
        Lookup lookup = lookup(token);
        if (lookup.failure() != null) {
            return lookup.failure();
        }
        String text = details == null ? "" : details;
        String status = String.valueOf(lookup.view().get("status"));
        String problem = null;
        if (!CustomerPage.OUTCOME_STATUSES.contains(status)) {
            problem = "Your request is not waiting for an outcome report right now, so nothing was sent.";
        } else if (!"SUCCEEDED".equals(result) && !"PROBLEMS".equals(result)) {
            problem = "Choose how the upgrade went: it succeeded, or it ran into problems.";
        } else if (!text.isBlank()) {
            problem = invalidText(text, MAX_DETAILS, false, "details");
        }
        if (problem != null) {
            return page(token, lookup.view(), HttpStatus.BAD_REQUEST).addObject("outcomeProblem", problem)
                    .addObject("outcomeDetails", clip(text)).addObject("outcomeResult", result);
        }
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("result", result);
        if (!text.isBlank()) {
            outcome.put("details", text.strip());
        }
        ServiceCall sent = portal.post(INTAKE, "/api/v1/upgrade-requests/" + segment(lookup.id()) + "/outcome", outcome);
        if (sent.ok()) {
            flash.addFlashAttribute("sent", "SUCCEEDED".equals(result)
                    ? "Thank you: we recorded that your upgrade succeeded."
                    : "Thank you: we recorded that the upgrade ran into problems. Our advice follows on this page and by email.");
            return new ModelAndView("redirect:/r/" + token);
        }
        return page(token, lookup.view(), statusFor(sent)).addObject("outcomeProblem", outcomeProblem(sent))
                .addObject("outcomeDetails", clip(text)).addObject("outcomeResult", result);
    }

    @GetMapping("/r/{token}/runbook")
    ModelAndView runbook(@PathVariable String token) {
        Lookup lookup = lookup(token);
        if (lookup.failure() != null) {
            return lookup.failure();
        }
        CustomerPage page = CustomerPage.of(lookup.view());
        ModelAndView view = new ModelAndView("customer-runbook").addObject("token", token).addObject("page", page);
        ServiceCall runbook = portal.getText(REVIEW, "/api/v1/reviews/" + segment(lookup.id()) + "/runbook");
        if (runbook instanceof ServiceCall.Ok ok && ok.body() instanceof String markdown && !markdown.isBlank()) {
            return view.addObject("markdown", markdown);
        }
        if (runbook instanceof ServiceCall.Ok || runbook instanceof ServiceCall.Problem p
                && (p.status() == 409 || p.status() == 404)) {
            return view.addObject("notYet", "The runbook is written once your plan is approved.");
        }
        view.setStatus(statusFor(runbook));
        return view.addObject("problem", "We could not fetch your runbook right now. Please try again in a few minutes.");
    }

    /** Any other address under {@code /r/}: the same 404 as an unknown link (no service is called). */
    @GetMapping({"/r", "/r/", "/r/**"})
    ModelAndView elsewhere() {
        return notFound();
    }

    private record Lookup(Map<String, Object> view, String id, ModelAndView failure) {
    }

    /** intake's PORTAL lookup of a page token: the token travels in the body, never in a URL. */
    private Lookup lookup(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return new Lookup(null, null, notFound());
        }
        ServiceCall call = portal.post(INTAKE, "/api/v1/customer-pages/lookup", Map.of("token", token));
        if (call instanceof ServiceCall.Ok ok) {
            Map<String, Object> view = ok.map();
            Object id = view.get("id");
            if (id != null && ID.matcher(String.valueOf(id)).matches()) {
                return new Lookup(view, String.valueOf(id), null);
            }
            return new Lookup(null, null, message(HttpStatus.BAD_GATEWAY, "We cannot show your request right now",
                    "Our service gave an answer this page cannot read. Please try again in a few minutes."));
        }
        if (call instanceof ServiceCall.Problem p && (p.status() == 404 || p.status() == 410)) {
            return new Lookup(null, null, notFound());
        }
        if (call instanceof ServiceCall.Unavailable) {
            return new Lookup(null, null, message(HttpStatus.SERVICE_UNAVAILABLE, "We cannot show your request right now",
                    "Our service is not answering at the moment. Please try again in a few minutes; nothing is lost."));
        }
        return new Lookup(null, null, message(HttpStatus.BAD_GATEWAY, "We cannot show your request right now",
                "Something went wrong on our side while opening your request. Please try again in a few minutes."));
    }

    private static ModelAndView page(String token, Map<String, Object> view, HttpStatus status) {
        ModelAndView page = new ModelAndView("customer");
        page.setStatus(status);
        page.addObject("token", token);
        page.addObject("page", CustomerPage.of(view));
        page.addObject("maxReply", MAX_REPLY);
        return page;
    }

    static ModelAndView notFound() {
        return message(HttpStatus.NOT_FOUND, "This link does not lead to a request page",
                "Check that you opened the whole link from our email: it is long, and some email programs break it "
                        + "across lines. If it still does not work, reply to the email and we will send you a new one.");
    }

    private static ModelAndView message(HttpStatus status, String title, String text) {
        ModelAndView page = new ModelAndView("customer-message");
        page.setStatus(status);
        page.addObject("title", title);
        page.addObject("text", text);
        return page;
    }

    /**
     * Why a text cannot be sent, in plain words, or null: not blank (when required), at most {@code max} characters,
     * no control characters but line breaks and tabs (intake's rules, checked before calling it).
     */
    static String invalidText(String text, int max, boolean required, String what) {
        if (required && text.isBlank()) {
            return "Write your " + what + " before sending it.";
        }
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            return String.format("Your %s is %,d characters long; the limit is %,d. Shorten it, or send it in parts.",
                    what, length, max);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return "Your " + what + " contains invisible control characters (often from copying out of a "
                        + "terminal). Remove them and send it again.";
            }
        }
        return null;
    }

    /** The text put back into the form: control characters (but line breaks and tabs) left out. */
    private static String clip(String text) {
        return text.codePoints().filter(c -> !Character.isISOControl(c) || c == '\n' || c == '\r' || c == '\t')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static HttpStatus statusFor(ServiceCall call) {
        if (call instanceof ServiceCall.Problem p && p.status() >= 400 && p.status() < 500) {
            HttpStatus status = HttpStatus.resolve(p.status());
            // a 401/403 is our configuration's fault, not the customer's
            return status == null || p.status() == 401 || p.status() == 403 ? HttpStatus.BAD_GATEWAY : status;
        }
        return call instanceof ServiceCall.Unavailable ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
    }

    private static String replyProblem(ServiceCall call) {
        if (call instanceof ServiceCall.Problem p) {
            return switch (p.status()) {
                case 409 -> "This request is closed, so it takes no more replies. Open a new request through the "
                        + "portal if you still need help.";
                case 400, 422 -> "We could not accept this reply" + reasons(p) + ". Change it and send it again.";
                case 404 -> "We could not find your request any more, so the reply was not sent.";
                case 413 -> "Your reply is too long to send. Shorten it, or send it in parts.";
                default -> "Your reply was not sent because of a problem on our side. Please try again in a few minutes.";
            };
        }
        return "Your reply was not sent: our service is not answering at the moment. Please try again in a few minutes.";
    }

    private static String outcomeProblem(ServiceCall call) {
        if (call instanceof ServiceCall.Problem p) {
            return switch (p.status()) {
                case 409 -> "Your request is not waiting for an outcome report any more (it may have been reported "
                        + "already), so nothing was recorded.";
                case 400, 422 -> "We could not accept this report" + reasons(p) + ". Change it and send it again.";
                case 404 -> "We could not find your request any more, so the report was not sent.";
                default -> "Your report was not sent because of a problem on our side. Please try again in a few minutes.";
            };
        }
        return "Your report was not sent: our service is not answering at the moment. Please try again in a few minutes.";
    }

    private static String reasons(ServiceCall.Problem p) {
        List<String> messages = p.errors().stream().map(ServiceCall.FieldError::message)
                .filter(m -> m != null && !m.isBlank()).toList();
        return messages.isEmpty() ? "" : " (it " + messages.stream().collect(Collectors.joining("; it ")) + ")";
    }
}
