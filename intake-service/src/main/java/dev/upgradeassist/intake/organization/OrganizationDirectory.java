package dev.upgradeassist.intake.organization;

import dev.upgradeassist.contracts.model.Organization;
import dev.upgradeassist.contracts.model.Person;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.upgradeassist.intake.infrastructure.IntakeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The organization directory: who is entitled to Upgrade Assistance and which TAM to CC. Requests
 * take a snapshot of their organization's entry when they are received or amended.
 * <p>
 * Entries are read through a small cache ({@code upgrade-assist.intake.organization-cache-ttl}, 5 s by default;
 * {@code 0s} turns it off): a submission looked its organization up in MongoDB every time, a twelfth of intake's CPU
 * under load (issue 22). This instance's own {@link #put} replaces its cached entry at once; another instance's change
 * is seen here within the TTL.
 */
@Service
public class OrganizationDirectory implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OrganizationDirectory.class);

    private final MongoTemplate mongo;
    private final IntakeProperties properties;
    private final Clock clock;
    /**
     * Entries by id, absent ones too (an unknown organization is asked for again and again by a broken client); null
     * when the TTL is zero (no cache).
     */
    private final Cache<String, Optional<OrganizationEntry>> cache;

    OrganizationDirectory(MongoTemplate mongo, IntakeProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
        Duration ttl = properties.organizationCacheTtl() == null ? Duration.ZERO : properties.organizationCacheTtl();
        this.cache = ttl.isZero() || ttl.isNegative() ? null
                : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
    }

    /** The directory entry as it stands now, as it travels on events. */
    public Optional<Organization> snapshot(String organizationId) {
        return find(organizationId).map(OrganizationDirectory::toOrganization);
    }

    Optional<OrganizationEntry> find(String organizationId) {
        if (organizationId == null) {
            return Optional.empty();
        }
        if (cache == null) {
            return read(organizationId);
        }
        return cache.get(organizationId, this::read);
    }

    private Optional<OrganizationEntry> read(String organizationId) {
        return Optional.ofNullable(mongo.findById(organizationId, OrganizationEntry.class));
    }

    /** Creates or replaces an entry (the operator's PUT). */
    OrganizationEntry put(String id, String name, boolean prioritySupport, OrganizationEntry.Tam tam) {
        var entry = new OrganizationEntry(id, name, prioritySupport, tam, clock.instant());
        mongo.findAndReplace(new Query(Criteria.where("_id").is(id)), entry,
                FindAndReplaceOptions.options().upsert());
        forget(id);
        return entry;
    }

    /** Seeds the configured organizations; an entry that exists (maybe changed by an operator) is kept. */
    @Override
    public void run(ApplicationArguments args) {
        for (IntakeProperties.SeedOrganization seed : properties.organizations()) {
            Update update = new Update()
                    .setOnInsert("name", seed.name())
                    .setOnInsert("prioritySupport", seed.prioritySupport())
                    .setOnInsert("tam", seed.tam() == null ? null
                            : new org.bson.Document("name", seed.tam().name()).append("email", seed.tam().email()))
                    .setOnInsert("updatedAt", clock.instant());
            mongo.upsert(new Query(Criteria.where("_id").is(seed.id())), update, OrganizationEntry.class);
            forget(seed.id());
        }
        log.info("Organization directory seeded with {} entries (existing entries kept)", properties.organizations().size());
    }

    private void forget(String organizationId) {
        if (cache != null) {
            cache.invalidate(organizationId);
        }
    }

    static Organization toOrganization(OrganizationEntry entry) {
        Person tam = entry.tam() == null ? null : new Person(entry.tam().name(), entry.tam().email());
        return new Organization(entry.id(), entry.name(), entry.prioritySupport(), tam);
    }
}
