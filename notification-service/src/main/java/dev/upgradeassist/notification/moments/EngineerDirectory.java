package dev.upgradeassist.notification.moments;

import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.notification.infrastructure.NotificationProperties;
import dev.upgradeassist.notification.infrastructure.NotificationProperties.Engineer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a customer's reply goes: the engineers of {@code upgrade-assist.notification.engineers} (seeded by the
 * {@code seed} profile, configured elsewhere). The events name an assignee by name only; this directory gives the
 * address. Nothing here is ever logged with an address.
 */
@Component
class EngineerDirectory {

    private static final Logger log = LoggerFactory.getLogger(EngineerDirectory.class);

    private final List<Engineer> engineers;

    EngineerDirectory(NotificationProperties properties) {
        this.engineers = properties.engineers();
        if (engineers.isEmpty()) {
            log.warn("No engineer directory (upgrade-assist.notification.engineers): customer replies have nobody to go "
                    + "to and are recorded FAILED");
        } else if (engineers.stream().noneMatch(Engineer::upgradeFocus)) {
            log.warn("The engineer directory has no Upgrade-focus engineer: customer replies on unassigned requests "
                    + "are recorded FAILED");
        }
    }

    /** The address of the engineer of this name (ignoring case), if the directory knows them. */
    Optional<String> emailOf(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return engineers.stream().filter(e -> e.name().strip().toLowerCase(Locale.ROOT).equals(wanted))
                .map(Engineer::email).findFirst();
    }

    /** The addresses of the Upgrade-focus engineers of a region, in directory order; none for a null region. */
    List<String> upgradeFocus(Region region) {
        if (region == null) {
            return List.of();
        }
        return engineers.stream().filter(e -> e.upgradeFocus() && e.region() == region).map(Engineer::email).toList();
    }
}
