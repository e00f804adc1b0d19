package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.platform.links.CustomerPageTokens;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Gives the request records written before records kept the hash of the customer's request page token
 * ({@link RequestRecord#customerTokenHash}) their hash, once, at start-up: every later write of a record sets it
 * ({@link RequestRecordProjector}), and so does a rebuild. Idempotent and safe beside other instances and the live
 * projection: each update only sets the field where it is still missing, and the hash of a request never changes.
 * Cheap once done: one indexed query that finds nothing. Pages by {@code _id}, so no cursor is held across updates.
 */
@Component
class CustomerTokenHashBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CustomerTokenHashBackfill.class);
    private static final int BATCH = 500;

    private final MongoTemplate mongo;
    private final CustomerPageTokens tokens;

    CustomerTokenHashBackfill(MongoTemplate mongo, CustomerPageTokens tokens) {
        this.mongo = mongo;
        this.tokens = tokens;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            long filled = backfill();
            if (filled > 0) {
                log.info("Kept the customer page token hash on {} request records written before it was kept", filled);
            }
        } catch (DataAccessException e) {
            // the records keep working for Support; only their customer page links wait for the next start (or a
            // rebuild, or the record's next event)
            log.error("Could not fill in the customer page token hashes of older request records; the next start "
                    + "tries again", e);
        }
    }

    /** @return how many records got their hash now */
    long backfill() {
        long filled = 0;
        Object after = null;
        while (true) {
            Criteria missing = Criteria.where(RequestRecord.CUSTOMER_TOKEN_HASH).exists(false);
            Query page = new Query(after == null ? missing : missing.and("_id").gt(after))
                    .with(Sort.by(Sort.Order.asc("_id"))).limit(BATCH);
            page.fields().include("_id");
            List<Object> ids = mongo.find(page, Document.class, RequestRecord.COLLECTION).stream()
                    .map(document -> document.get("_id")).toList();
            if (ids.isEmpty()) {
                return filled;
            }
            BulkOperations updates = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, RequestRecord.COLLECTION);
            for (Object id : ids) {
                updates.updateOne(new Query(Criteria.where("_id").is(id)
                                .and(RequestRecord.CUSTOMER_TOKEN_HASH).exists(false)),
                        new Update().set(RequestRecord.CUSTOMER_TOKEN_HASH, tokens.hashFor(String.valueOf(id))));
            }
            filled += updates.execute().getModifiedCount();
            after = ids.get(ids.size() - 1);
            if (ids.size() < BATCH) {
                return filled;
            }
        }
    }
}
