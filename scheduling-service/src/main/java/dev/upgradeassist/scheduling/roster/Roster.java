package dev.upgradeassist.scheduling.roster;

import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.scheduling.infrastructure.SchedulingProperties;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The engineers who hold review calls (configured, see {@code upgrade-assist.scheduling.engineers}). Their
 * availability comes from the configuration unless an operator set it ({@link AvailabilitySettings}, MongoDB, so that
 * every instance offers the same slots).
 */
@Component
public class Roster {

    private final Map<String, Engineer> byName = new LinkedHashMap<>();
    private final MongoTemplate mongo;

    public Roster(SchedulingProperties properties, MongoTemplate mongo) {
        this.mongo = mongo;
        properties.engineers().forEach(e -> {
            if (!e.workStart().isBefore(e.workEnd())) {
                throw new IllegalArgumentException("Engineer " + e.name() + ": working hours must start before they end");
            }
            if (e.buffer().isNegative()) {
                throw new IllegalArgumentException("Engineer " + e.name() + ": the buffer between calls is negative");
            }
            byName.put(e.name(), new Engineer(e.name(), e.email(), e.region(), e.timeZone(), e.workStart(),
                    e.workEnd(), e.upgradeFocus(), blankToNull(e.meetingUrl()), dates(e.name(), e.daysOff()),
                    e.buffer(), e.dailyMaximum()));
        });
    }

    /** The engineer as configured (name, email, region, meeting room); see {@link #withAvailability} for slots. */
    public Optional<Engineer> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /** The engineer with their current availability: an operator's settings when there are any, else the configured. */
    public Optional<Engineer> withAvailability(String name) {
        return find(name).map(engineer -> settingsOf(engineer.name()).map(s -> apply(engineer, s)).orElse(engineer));
    }

    /** The operator's settings for this engineer, if any. */
    public Optional<AvailabilitySettings> settingsOf(String name) {
        return Optional.ofNullable(mongo.findById(name, AvailabilitySettings.class));
    }

    /** Stores an operator's settings (already validated) for an engineer on the roster. */
    public void saveSettings(AvailabilitySettings settings) {
        mongo.save(settings);
    }

    /** The engineer's email, or null for a name not on the roster. */
    public String emailOf(String name) {
        return find(name).map(Engineer::email).orElse(null);
    }

    public List<Engineer> all() {
        return List.copyOf(byName.values());
    }

    /**
     * The engineer who takes the call of a request nobody is assigned to: an Upgrade-focus engineer of the request's
     * region (spread over them by request id, stable across replays); else any engineer of the region; else any
     * Upgrade-focus engineer; else anyone.
     */
    public Engineer upgradeFocusEngineerFor(Region region, String requestId) {
        List<Engineer> candidates = byName.values().stream()
                .filter(e -> e.upgradeFocus() && e.region() == region).toList();
        if (candidates.isEmpty()) {
            candidates = byName.values().stream().filter(e -> e.region() == region).toList();
        }
        if (candidates.isEmpty()) {
            candidates = byName.values().stream().filter(Engineer::upgradeFocus).toList();
        }
        if (candidates.isEmpty()) {
            candidates = List.copyOf(byName.values());
        }
        return candidates.get(Math.floorMod(requestId.hashCode(), candidates.size()));
    }

    private static Engineer apply(Engineer engineer, AvailabilitySettings s) {
        try {
            return engineer.withAvailability(ZoneId.of(s.timeZone()), LocalTime.parse(s.workStart()),
                    LocalTime.parse(s.workEnd()), dates(engineer.name(), s.daysOff()),
                    Duration.ofMinutes(s.bufferMinutes()), s.dailyMaximum());
        } catch (DateTimeException | IllegalArgumentException e) {
            // validated when stored; a document edited by hand falls back to the configuration
            return engineer;
        }
    }

    private static Set<LocalDate> dates(String engineer, List<String> texts) {
        Set<LocalDate> dates = new LinkedHashSet<>();
        for (String text : texts == null ? List.<String>of() : texts) {
            try {
                dates.add(LocalDate.parse(text.trim()));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("Engineer " + engineer + ": day off '" + text
                        + "' is not an ISO date (2026-12-24)", e);
            }
        }
        return dates;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
