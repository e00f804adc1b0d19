package dev.upgradeassist.platform.health;

import dev.upgradeassist.platform.outbox.OutboxRelay;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.time.Duration;

/** DOWN when the oldest event waiting in the outbox is older than the allowed age (60 s by default). */
public class OutboxHealthIndicator extends AbstractHealthIndicator {

    private final OutboxRelay relay;
    private final Duration maxAge;

    public OutboxHealthIndicator(OutboxRelay relay, Duration maxAge) {
        super("Outbox check failed");
        this.relay = relay;
        this.maxAge = maxAge;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Duration age = relay.oldestPendingAge();
        builder.withDetail("pending", relay.pendingCount()).withDetail("oldestPendingSeconds", age.toSeconds());
        if (age.compareTo(maxAge) > 0) {
            builder.down();
        } else {
            builder.up();
        }
    }
}
