package dev.upgradeassist.notification.moments;

import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.notification.infrastructure.NotificationProperties;
import dev.upgradeassist.notification.infrastructure.NotificationProperties.Engineer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Support's emails of a request go (a customer's reply, an SLA breach, an on-hold re-check, a plan re-check): the engineers of {@code upgrade-assist.notification.engineers} (seeded by the
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
            log.warn("No engineer directory (upgrade-assist.notification.engineers): customer replies, SLA breaches, "
                    + "on-hold and plan re-checks have nobody to go to and are recorded FAILED");
        } else if (engineers.stream().noneMatch(Engineer::upgradeFocus)) {
            log.warn("The engineer directory has no Upgrade-focus engineer: customer replies, SLA breaches, on-hold "
                    + "and plan re-checks of unassigned requests are recorded FAILED");
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

    /**
     * Who hears of a request on Support's side: its assignee when the directory knows them; else (unassigned, or an
     * assignee the directory does not know) the Upgrade-focus engineers of its region, in one email; else nobody, with
     * the reason (no address in it) for the FAILED entry.
     */
    SupportRecipients support(String assignee, Region region) {
        Optional<Engineer> known = engineer(assignee);
        if (known.isPresent()) {
            return new SupportRecipients(List.of(known.get().email()), true, known.get().timeZone(), null);
        }
        List<Engineer> focus = focus(region);
        // one email to several engineers shows their zone only when they share it
        List<String> zones = focus.stream().map(Engineer::timeZone).distinct().toList();
        String zone = zones.size() == 1 ? zones.get(0) : null;
        String why = focus.isEmpty() ? "no recipient: " + (assignee == null || assignee.isBlank()
                ? "the request is unassigned"
                : "its assignee is not in the engineer directory (upgrade-assist.notification.engineers)")
                + " and the directory has no Upgrade-focus engineer for region "
                + (region == null ? "(none given)" : region.name()) : null;
        return new SupportRecipients(focus.stream().map(Engineer::email).toList(), false, zone, why);
    }

    /**
     * Where a request's Support email goes.
     *
     * @param to                the addresses (empty: nobody to tell)
     * @param toAssignee        true when it goes to the assignee, false when to the region's Upgrade-focus engineers
     * @param timeZone          the recipients' time zone when the directory knows it (and, for several, they share it)
     * @param noRecipientReason why nobody is told, when {@code to} is empty (no address in it)
     */
    record SupportRecipients(List<String> to, boolean toAssignee, String timeZone, String noRecipientReason) {
    }

    /**
     * The time zone of an engineer, found by name (ignoring case) or else by address, when the directory knows it.
     */
    Optional<String> timeZoneOf(String name, String email) {
        Optional<Engineer> engineer = engineer(name);
        if (engineer.isEmpty() && email != null && !email.isBlank()) {
            String wanted = email.strip().toLowerCase(Locale.ROOT);
            engineer = engineers.stream().filter(e -> e.email().strip().toLowerCase(Locale.ROOT).equals(wanted))
                    .findFirst();
        }
        return engineer.map(Engineer::timeZone).filter(Objects::nonNull);
    }

    private Optional<Engineer> engineer(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return engineers.stream().filter(e -> e.name().strip().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    private List<Engineer> focus(Region region) {
        if (region == null) {
            return List.of();
        }
        return engineers.stream().filter(e -> e.upgradeFocus() && e.region() == region).toList();
    }

    /** The addresses of the Upgrade-focus engineers of a region, in directory order; none for a null region. */
    List<String> upgradeFocus(Region region) {
        if (region == null) {
            return List.of();
        }
        return engineers.stream().filter(e -> e.upgradeFocus() && e.region() == region).map(Engineer::email).toList();
    }
}
