package dev.upgradeassist.scheduling.booking;

import dev.upgradeassist.platform.domain.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The page of a booked call (the manage link of the confirmation): server-rendered, plain forms, no JavaScript. Its
 * forms post to the same service methods as the API and show the outcome on a page.
 */
@Controller
class CallPageController {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu, HH:mm", Locale.ENGLISH);

    private final CallService calls;

    CallPageController(CallService calls) {
        this.calls = calls;
    }

    @GetMapping(value = "/calls/{token}", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "The page of a booked call (HTML): the call, the open slots it can move to, a cancel button; "
            + "410 when cancelled, 404 when unknown")
    String page(@PathVariable String token, Model model, HttpServletResponse response) {
        return render(calls.page(token), token, model, response, null, null);
    }

    @PostMapping(value = "/calls/{token}/reschedule", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "The call page's form (HTML): moves the call to the picked slot")
    String reschedule(@PathVariable String token, @RequestParam(name = "slotStart", required = false) String slotStart,
                      Model model, HttpServletResponse response) {
        Instant start;
        try {
            start = Instant.parse(slotStart == null ? "" : slotStart.trim());
        } catch (DateTimeException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(calls.page(token), token, model, response, "Please pick one of the open slots.", null);
        }
        try {
            CallView moved = calls.reschedule(token, start);
            return render(calls.page(token), token, model, response, null, moved.start());
        } catch (RuleViolation problem) {
            return renderProblem(problem, token, model, response);
        }
    }

    @PostMapping(value = "/calls/{token}/cancel", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "The call page's cancel button (HTML)")
    String cancel(@PathVariable String token, Model model, HttpServletResponse response) {
        try {
            CallView cancelled = calls.cancel(token);
            model.addAttribute("justCancelled", true);
            model.addAttribute("ticketId", cancelled.ticketId());
            return "calls/cancelled";
        } catch (RuleViolation problem) {
            return renderProblem(problem, token, model, response);
        }
    }

    private String renderProblem(RuleViolation problem, String token, Model model, HttpServletResponse response) {
        CallPage page = calls.page(token);
        if (page.state() != CallPage.State.BOOKED) {
            return render(page, token, model, response, null, null);
        }
        response.setStatus(BookingPageController.statusOf(problem).value());
        return render(page, token, model, response, problem.getMessage(), null);
    }

    private String render(CallPage page, String token, Model model, HttpServletResponse response, String error,
                          Instant movedTo) {
        switch (page.state()) {
            case UNKNOWN -> {
                response.setStatus(HttpStatus.NOT_FOUND.value());
                return "calls/unavailable";
            }
            case CANCELLED -> {
                response.setStatus(HttpStatus.GONE.value());
                model.addAttribute("justCancelled", false);
                return "calls/cancelled";
            }
            default -> {
                ZoneId customerZone = BookingPageController.zone(page.customerTimeZone());
                model.addAttribute("page", page);
                model.addAttribute("customerZone", customerZone.getId());
                model.addAttribute("localStart", WHEN.format(page.start().atZone(customerZone)));
                model.addAttribute("localEnd", WHEN.format(page.end().atZone(customerZone)));
                model.addAttribute("rescheduleAction", "/calls/" + token + "/reschedule");
                model.addAttribute("cancelAction", "/calls/" + token + "/cancel");
                model.addAttribute("days", BookingPageController.days(page.slots(), customerZone));
                model.addAttribute("error", error);
                model.addAttribute("movedTo", movedTo == null ? null : WHEN.format(movedTo.atZone(customerZone)));
                return "calls/page";
            }
        }
    }
}
