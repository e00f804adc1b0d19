package dev.upgradeassist.scheduling.booking;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Announces links that ran out unused. Not what makes them unusable: every lookup already requires
 * {@code expiresAt > now}. Safe on several instances at once (versioned writes; an expired link is expired once).
 */
@Component
class BookingLinkSweep {

    private static final Logger log = LoggerFactory.getLogger(BookingLinkSweep.class);

    private final BookingService bookings;

    BookingLinkSweep(BookingService bookings) {
        this.bookings = bookings;
    }

    @Scheduled(fixedDelayString = "${upgrade-assist.scheduling.sweep-interval:60s}",
            initialDelayString = "${upgrade-assist.scheduling.sweep-interval:60s}")
    @net.javacrumbs.shedlock.spring.annotation.SchedulerLock(name = "scheduling.booking-link-sweep",
            lockAtMostFor = "PT5M", lockAtLeastFor = "PT5S")
    void sweep() {
        try {
            int expired = bookings.expireRunOutLinks();
            if (expired > 0) {
                log.info("Expired {} booking link(s)", expired);
            }
        } catch (RuntimeException e) {
            log.warn("Booking link sweep failed, will retry: {}", e.toString());
        }
    }
}
