package dev.upgradeassist.scheduling.roster;

import dev.upgradeassist.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Operators read and set an engineer's availability (working hours, zone, days off, buffer, daily maximum). */
@RestController
class AvailabilityController {

    static final int MAX_BUFFER_MINUTES = 240;
    static final int MAX_DAILY = 48;
    static final int MAX_DAYS_OFF = 400;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final Roster roster;
    private final Clock clock;

    AvailabilityController(Roster roster, Clock clock) {
        this.roster = roster;
        this.clock = clock;
    }

    @GetMapping("/api/v1/engineers/{name}/availability")
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(summary = "An engineer's availability as slots are offered now (configuration or an operator's)")
    AvailabilityView get(@PathVariable String name) {
        return view(name);
    }

    @PutMapping("/api/v1/engineers/{name}/availability")
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(summary = "Replace an engineer's availability; the booking and call pages offer slots by it at once")
    AvailabilityView put(@PathVariable String name, @RequestBody AvailabilityBody body, Principal caller) {
        Engineer engineer = engineer(name);
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        ZoneId zone = null;
        if (body.timeZone() == null || body.timeZone().isBlank()) {
            errors.add(new ApiProblem.FieldError("timeZone", "is required (an IANA zone such as Europe/Berlin)"));
        } else {
            try {
                zone = ZoneId.of(body.timeZone().strip());
            } catch (DateTimeException e) {
                errors.add(new ApiProblem.FieldError("timeZone", "is not a known time zone"));
            }
        }
        LocalTime start = time("workStart", body.workStart(), errors);
        LocalTime end = time("workEnd", body.workEnd(), errors);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.add(new ApiProblem.FieldError("workEnd", "must be after workStart"));
        }
        TreeSet<LocalDate> daysOff = new TreeSet<>();
        List<String> days = body.daysOff() == null ? List.of() : body.daysOff();
        if (days.size() > MAX_DAYS_OFF) {
            errors.add(new ApiProblem.FieldError("daysOff", "has more than " + MAX_DAYS_OFF + " dates"));
        } else {
            for (int i = 0; i < days.size(); i++) {
                try {
                    daysOff.add(LocalDate.parse(days.get(i) == null ? "" : days.get(i).strip()));
                } catch (DateTimeException e) {
                    errors.add(new ApiProblem.FieldError("daysOff[" + i + "]", "is not an ISO date (2026-12-24)"));
                }
            }
        }
        int buffer = body.bufferMinutes() == null ? 0 : body.bufferMinutes();
        if (buffer < 0 || buffer > MAX_BUFFER_MINUTES) {
            errors.add(new ApiProblem.FieldError("bufferMinutes", "must be between 0 and " + MAX_BUFFER_MINUTES));
        }
        if (body.dailyMaximum() != null && (body.dailyMaximum() < 1 || body.dailyMaximum() > MAX_DAILY)) {
            errors.add(new ApiProblem.FieldError("dailyMaximum", "must be between 1 and " + MAX_DAILY
                    + ", or null for no maximum"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest("The availability is invalid", errors);
        }
        roster.saveSettings(new AvailabilitySettings(engineer.name(), zone.getId(), HH_MM.format(start),
                HH_MM.format(end), daysOff.stream().map(LocalDate::toString).toList(), buffer, body.dailyMaximum(),
                caller.getName(), clock.instant()));
        return view(name);
    }

    private AvailabilityView view(String name) {
        Engineer engineer = roster.withAvailability(name).orElseThrow(() -> notOnRoster(name));
        var settings = roster.settingsOf(name);
        return new AvailabilityView(engineer.name(), engineer.timeZone().getId(), HH_MM.format(engineer.workStart()),
                HH_MM.format(engineer.workEnd()), engineer.daysOff().stream().sorted().map(LocalDate::toString).toList(),
                (int) engineer.buffer().toMinutes(), engineer.dailyMaximum(), engineer.meetingUrl(),
                settings.isPresent() ? "operator" : "configuration",
                settings.map(AvailabilitySettings::updatedBy).orElse(null),
                settings.map(AvailabilitySettings::updatedAt).orElse(null));
    }

    private Engineer engineer(String name) {
        return roster.find(name).orElseThrow(() -> notOnRoster(name));
    }

    private static ApiProblem notOnRoster(String name) {
        return ApiProblem.notFound("No engineer named '" + name + "' is on the roster");
    }

    private static LocalTime time(String field, String text, List<ApiProblem.FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new ApiProblem.FieldError(field, "is required (HH:mm)"));
            return null;
        }
        try {
            return LocalTime.parse(text.strip(), HH_MM);
        } catch (DateTimeException e) {
            errors.add(new ApiProblem.FieldError(field, "is not a time of day (HH:mm)"));
            return null;
        }
    }
}
