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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The booking page the emailed link opens: server-rendered, works without JavaScript. Its form posts back to the same
 * URL, which books through the same service as the API.
 */
@Controller
class BookingPageController {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final BookingService bookings;

    BookingPageController(BookingService bookings) {
        this.bookings = bookings;
    }

    /** A slot as the form offers it: the value the booking call takes, and a local reading for the customer. */
    record SlotOption(String value, String localTime) {
    }

    record Day(String label, List<SlotOption> slots) {
    }

    @GetMapping(value = "/book/{token}", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "The booking page (HTML): ticket, engineer, call length and the open slots as ISO-8601 instants; "
            + "410 when the link was used, expired or revoked, 404 when unknown")
    String page(@PathVariable String token, Model model, HttpServletResponse response) {
        return render(bookings.page(token), token, model, response, null);
    }

    @Operation(summary = "The booking page's form (HTML): books the picked slot and shows the confirmation")
    @PostMapping(value = "/book/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    String book(@PathVariable String token, @RequestParam(name = "slotStart", required = false) String slotStart,
                Model model, HttpServletResponse response) {
        Instant start;
        try {
            start = Instant.parse(slotStart == null ? "" : slotStart.trim());
        } catch (DateTimeException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(bookings.page(token), token, model, response, "Please pick one of the open slots.");
        }
        try {
            BookedCallView call = bookings.redeem(token, start);
            model.addAttribute("call", call);
            model.addAttribute("callMinutes", java.time.Duration.between(call.start(), call.end()).toMinutes());
            return "booking/confirmed";
        } catch (RuleViolation refused) {
            BookingPage page = bookings.page(token);
            HttpStatus status = statusOf(refused);
            if (status == HttpStatus.UNPROCESSABLE_CONTENT || status == HttpStatus.CONFLICT) {
                response.setStatus(status.value());
                return render(page, token, model, response, refused.getMessage());
            }
            return render(page, token, model, response, null);
        }
    }

    private String render(BookingPage page, String token, Model model, HttpServletResponse response, String error) {
        switch (page.state()) {
            case UNKNOWN -> {
                response.setStatus(HttpStatus.NOT_FOUND.value());
                return "booking/unavailable";
            }
            case USED -> {
                response.setStatus(HttpStatus.GONE.value());
                return "booking/used";
            }
            case GONE -> {
                response.setStatus(HttpStatus.GONE.value());
                return "booking/unavailable";
            }
            default -> {
                ZoneId customerZone = zone(page.customerTimeZone());
                model.addAttribute("page", page);
                model.addAttribute("formAction", "/book/" + token);
                model.addAttribute("days", days(page.slots(), customerZone));
                model.addAttribute("customerZone", customerZone.getId());
                model.addAttribute("error", error);
                return "booking/page";
            }
        }
    }

    /** The status the API answers a refused command with (the platform's problem-details advice does the same). */
    static HttpStatus statusOf(RuleViolation refused) {
        return switch (refused.kind()) {
            case ILLEGAL_TRANSITION -> HttpStatus.CONFLICT;
            case NO_LONGER_AVAILABLE -> HttpStatus.GONE;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case UNACCEPTABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
    }

    static List<Day> days(List<Instant> slots, ZoneId zone) {
        Map<String, List<SlotOption>> byDay = new LinkedHashMap<>();
        for (Instant slot : slots) {
            var local = slot.atZone(zone);
            byDay.computeIfAbsent(DAY.format(local), d -> new ArrayList<>())
                    .add(new SlotOption(slot.toString(), TIME.format(local)));
        }
        List<Day> days = new ArrayList<>();
        byDay.forEach((label, options) -> days.add(new Day(label, options)));
        return days;
    }

    static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone.trim());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
