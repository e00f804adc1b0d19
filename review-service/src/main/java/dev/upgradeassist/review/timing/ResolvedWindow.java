package dev.upgradeassist.review.timing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;

/** A maintenance window whose start is known as an instant, in the customer's zone. */
public record ResolvedWindow(ZonedDateTime start, Duration duration) {

    public Instant startInstant() {
        return start.toInstant();
    }

    public ZonedDateTime end() {
        return start.plus(duration);
    }
}
