package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.platform.outbox.AggregateStore;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the ledger answers about the emails of a request (the notification API), and one entry by its key. */
@Service
public class NotificationHistory {

    private final AggregateStore store;
    private final MongoTemplate mongo;
    private final RequestMilestones milestones;

    NotificationHistory(AggregateStore store, MongoTemplate mongo, RequestMilestones milestones) {
        this.store = store;
        this.mongo = mongo;
        this.milestones = milestones;
    }

    /**
     * Everything the ledger holds for a request, oldest first: read by the {@code _id}s its milestones list (the
     * embedded MongoDB-protocol server would read the whole ledger for a query on {@code requestId}, see ADR 0006).
     */
    public List<NotificationEntry> history(String requestId) {
        List<String> keys = milestones.keys(requestId);
        List<NotificationEntry> entries = new ArrayList<>(keys.isEmpty() ? List.of()
                : mongo.find(Query.query(Criteria.where("_id").in(keys)), NotificationEntry.class));
        if (!milestones.listsAllKeys(requestId)) {
            // entries recorded before request_milestones listed their keys: found by a query on requestId
            Set<String> seen = new HashSet<>(keys);
            mongo.find(Query.query(Criteria.where("requestId").is(requestId)), NotificationEntry.class).stream()
                    .filter(e -> !seen.contains(e.id())).forEach(entries::add);
        }
        entries.sort(Comparator.comparing(NotificationEntry::createdAt,
                Comparator.nullsFirst(Comparator.<java.time.Instant>naturalOrder())).thenComparing(NotificationEntry::id));
        return entries;
    }

    public Optional<NotificationEntry> find(String key) {
        return store.find(NotificationEntry.class, key);
    }
}
