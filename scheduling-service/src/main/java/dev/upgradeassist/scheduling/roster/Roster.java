package dev.upgradeassist.scheduling.roster;

import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.scheduling.infrastructure.SchedulingProperties;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The engineers who hold review calls (configured, see {@code upgrade-assist.scheduling.engineers}). */
@Component
public class Roster {

    private final Map<String, Engineer> byName = new LinkedHashMap<>();

    public Roster(SchedulingProperties properties) {
        properties.engineers().forEach(e -> {
            if (!e.workStart().isBefore(e.workEnd())) {
                throw new IllegalArgumentException("Engineer " + e.name() + ": working hours must start before they end");
            }
            byName.put(e.name(), new Engineer(e.name(), e.email(), e.region(), e.timeZone(), e.workStart(),
                    e.workEnd(), e.upgradeFocus()));
        });
    }

    public Optional<Engineer> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
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
}
