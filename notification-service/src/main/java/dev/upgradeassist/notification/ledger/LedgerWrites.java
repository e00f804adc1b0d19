package dev.upgradeassist.notification.ledger;

import dev.upgradeassist.platform.messaging.PollWrites;
import dev.upgradeassist.platform.messaging.PolledBatchWrites;
import dev.upgradeassist.platform.outbox.AggregateStore;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The ledger writes of the records of one poll, made together at its end (issue 22, docs/adr/0032): the milestones'
 * upserts that list the emails' keys in one ordered bulk write (a request's upserts keep their order), then the ledger
 * entries in one unordered insert (a key that exists already says "handled before" for that email alone, as its own
 * insert did). Listed before inserted, as before: a failure in between lists a key with no entry, which the history
 * skips. Only while {@link PolledBatchWrites#deferring()}: elsewhere (the delivery's threads, the API) every write is
 * made at once.
 * <p>
 * What a record's emails found is known only at the flush: each email's outcome (recorded, or in the ledger already)
 * is reported then, and a record any of whose emails was there already counts once as a duplicate then
 * ({@link #recordDone}).
 */
@Component
class LedgerWrites implements PollWrites {

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final ThreadLocal<Batch> batch = ThreadLocal.withInitial(Batch::new);

    LedgerWrites(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
    }

    /** What becomes of a deferred ledger entry at the flush. */
    interface EntryOutcome {
        /** It was inserted. */
        void recorded();

        /** Its key was in the ledger already: nothing was inserted. */
        void existed();
    }

    /** True while this thread handles a record whose writes may wait for the end of its poll. */
    static boolean deferring() {
        return PolledBatchWrites.deferring();
    }

    /** Defers an upsert of the request's milestones document. */
    void milestone(String requestId, Update update) {
        batch.get().milestones.add(new Milestone(requestId, update));
    }

    /** Defers the insert of a ledger entry; {@code outcome} hears what became of it. */
    void entry(NotificationEntry entry, EntryOutcome outcome) {
        Batch current = batch.get();
        if (current.open == null) {
            current.open = new RecordGroup();
        }
        current.open.unresolved++;
        current.entries.add(new Pending(entry, outcome, current.open));
    }

    /**
     * The record whose emails were deferred since the last call is done: {@code countDuplicate} runs once when it was
     * handled before ({@code again}, or any of its emails in the ledger already), now or when its entries are flushed.
     */
    void recordDone(boolean again, Runnable countDuplicate) {
        Batch current = batch.get();
        RecordGroup group = current.open;
        current.open = null;
        if (group == null) {
            if (again) {
                countDuplicate.run();
            }
            return;
        }
        group.closed = true;
        group.again = again;
        group.countDuplicate = countDuplicate;
        group.countWhenResolved();
    }

    /**
     * Makes this thread's deferred writes first when it holds any for the request's milestones, so that a read of them
     * sees them (a read of another request's leaves the batch whole).
     */
    void flushBeforeRead(String requestId) {
        if (deferring() && batch.get().milestones.stream().anyMatch(m -> m.requestId().equals(requestId))) {
            flush();
        }
    }

    @Override
    public boolean holding() {
        Batch current = batch.get();
        return !current.milestones.isEmpty() || !current.entries.isEmpty();
    }

    @Override
    public void flush() {
        Batch current = batch.get();
        if (!current.milestones.isEmpty()) {
            BulkOperations upserts = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, RequestMilestones.COLLECTION);
            for (Milestone milestone : current.milestones) {
                upserts.upsert(new Query(Criteria.where("_id").is(milestone.requestId())), milestone.update());
            }
            upserts.execute(); // on a failure all are kept, and made again (each is idempotent)
            current.milestones.clear();
        }
        if (current.entries.isEmpty()) {
            return;
        }
        List<Pending> pending = current.entries;
        AggregateStore.InsertedAll result = store.insertAll(pending.stream().map(Pending::entry).toList());
        List<Pending> kept = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            Pending entry = pending.get(i);
            if (result.failed().contains(i)) {
                kept.add(entry);
            } else {
                boolean existed = result.existed().contains(i);
                if (existed) {
                    entry.outcome().existed();
                } else {
                    entry.outcome().recorded();
                }
                entry.group().resolved(existed);
            }
        }
        current.entries = kept;
        if (result.failure() != null) {
            throw result.failure();
        }
    }

    private record Milestone(String requestId, Update update) {
    }

    private record Pending(NotificationEntry entry, EntryOutcome outcome, RecordGroup group) {
    }

    /** The deferred emails of one record, to count it once as a duplicate when it was handled before. */
    private static final class RecordGroup {
        int unresolved;
        boolean closed;
        boolean again;
        boolean existed;
        Runnable countDuplicate;

        void resolved(boolean entryExisted) {
            unresolved--;
            existed |= entryExisted;
            countWhenResolved();
        }

        void countWhenResolved() {
            if (closed && unresolved == 0 && (again || existed) && countDuplicate != null) {
                Runnable count = countDuplicate;
                countDuplicate = null;
                count.run();
            }
        }
    }

    private static final class Batch {
        final List<Milestone> milestones = new ArrayList<>();
        List<Pending> entries = new ArrayList<>();
        RecordGroup open;
    }
}
