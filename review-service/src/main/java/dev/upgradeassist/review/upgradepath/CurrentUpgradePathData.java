package dev.upgradeassist.review.upgradepath;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The upgrade-path data in force on this instance: the shipped file until an operator sends a
 * newer version, then the newest accepted version in MongoDB. Every instance polls MongoDB
 * ({@code upgrade-assist.review.upgrade-path-poll}, default 5 s) and switches to the newest
 * version; a stored version that no longer parses is logged and skipped (the old data stays).
 * Listeners ({@link #onChange}) hear every switch to another version on this instance, whether an
 * operator's send or the poll brought it.
 */
public class CurrentUpgradePathData {

    private static final Logger log = LoggerFactory.getLogger(CurrentUpgradePathData.class);

    /** What an operator's send did. */
    public record Accepted(String version, String previousVersion, boolean changed, int stops) {
    }

    private final UpgradePathCatalog shipped;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final AtomicReference<UpgradePathCatalog> current;
    private final List<Consumer<UpgradePathCatalog>> listeners = new CopyOnWriteArrayList<>();

    public CurrentUpgradePathData(UpgradePathCatalog shipped, MongoTemplate mongo, Clock clock) {
        this.shipped = shipped;
        this.mongo = mongo;
        this.clock = clock;
        this.current = new AtomicReference<>(shipped);
    }

    public UpgradePathCatalog catalog() {
        return current.get();
    }

    public UpgradePathCatalog shipped() {
        return shipped;
    }

    /**
     * Calls {@code listener} with the new data each time this instance puts another version in force (an operator's
     * send here, or the poll). It runs on the thread that switched: keep it short (hand work to another thread).
     */
    public void onChange(Consumer<UpgradePathCatalog> listener) {
        listeners.add(listener);
    }

    private void changed(UpgradePathCatalog now) {
        for (Consumer<UpgradePathCatalog> listener : listeners) {
            try {
                listener.accept(now);
            } catch (RuntimeException e) {
                log.warn("A listener of the upgrade-path data failed on {}: {}", now.version(), e.toString());
            }
        }
    }

    /**
     * Validates and stores new data, and puts it in force here (other instances follow on their
     * next poll). Throws {@link IllegalStateException} naming what is wrong; the data in force is
     * then unchanged.
     */
    public synchronized Accepted accept(byte[] yaml, String acceptedBy) {
        UpgradePathCatalog candidate = UpgradePathCatalog.parse(yaml);
        UpgradePathCatalog before = current.get();
        if (candidate.version().equals(before.version())) {
            return new Accepted(candidate.version(), before.version(), false, candidate.stops().size());
        }
        long sequence = newest().map(d -> d.sequence() + 1).orElse(1L);
        mongo.save(new UpgradePathDataDocument(candidate.version(), new String(yaml, StandardCharsets.UTF_8),
                clock.instant(), sequence, acceptedBy, candidate.stops().size()));
        current.set(candidate);
        log.info("Upgrade-path data {} accepted from {} (was {})", candidate.version(), acceptedBy, before.version());
        changed(candidate);
        return new Accepted(candidate.version(), before.version(), true, candidate.stops().size());
    }

    /** Switches to the newest stored version when it differs from the one in force. */
    @Scheduled(fixedDelayString = "${upgrade-assist.review.upgrade-path-poll:PT5S}")
    public synchronized void refresh() {
        Optional<UpgradePathDataDocument> newest;
        try {
            newest = newest();
        } catch (RuntimeException e) {
            log.warn("Cannot read the upgrade-path data versions: {}", e.getMessage());
            return;
        }
        newest.filter(d -> !d.version().equals(current.get().version())).ifPresent(d -> {
            try {
                UpgradePathCatalog newer = UpgradePathCatalog.parse(d.yaml().getBytes(StandardCharsets.UTF_8));
                current.set(newer);
                log.info("Upgrade-path data {} now in force", d.version());
                changed(newer);
            } catch (IllegalStateException e) {
                log.error("Stored upgrade-path data {} is invalid, keeping {}: {}", d.version(),
                        current.get().version(), e.getMessage());
            }
        });
    }

    /** The newest stored version, if an operator ever sent one. */
    public Optional<UpgradePathDataDocument> newest() {
        Query query = new Query().with(Sort.by(Sort.Order.desc("sequence"))).limit(1);
        return Optional.ofNullable(mongo.findOne(query, UpgradePathDataDocument.class));
    }
}
