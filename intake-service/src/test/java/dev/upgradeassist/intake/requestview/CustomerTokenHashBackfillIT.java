package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.intake.support.IntakeApiSupport;
import dev.upgradeassist.intake.support.Submissions;
import dev.upgradeassist.platform.links.CustomerPageTokens;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Request records written before records kept the customer page token's hash get it, once, at start-up. */
@IntegrationTest
class CustomerTokenHashBackfillIT extends IntakeApiSupport {

    private static final String LOOKUP = "/api/v1/customer-pages/lookup";

    @Autowired
    CustomerTokenHashBackfill backfill;

    @Autowired
    CustomerPageTokens tokens;

    @Test
    void records_without_the_hash_get_it_and_their_page_opens_again() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = submitted(Submissions.complete());
            awaitProjected(id); // the view document itself: the unset below must find it
            ids.add(id);
        }
        // as written before the hash was kept
        mongo.updateMulti(new Query(Criteria.where("_id").in(ids)), new Update().unset("customerTokenHash"),
                "request_views");
        ids.forEach(id -> assertThat(stored(id).containsKey("customerTokenHash")).isFalse());
        assertThat(lookup(ids.get(0)).status()).isEqualTo(404);
        Long version = stored(ids.get(0)).get("version", Number.class).longValue();

        long filled = backfill.backfill();

        assertThat(filled).isGreaterThanOrEqualTo(ids.size());
        ids.forEach(id -> assertThat(stored(id).getString("customerTokenHash")).isEqualTo(tokens.hashFor(id)));
        assertThat(stored(ids.get(0)).get("version", Number.class).longValue()).isEqualTo(version);
        assertThat(lookup(ids.get(0)).status()).isEqualTo(200);
        assertThat(lookup(ids.get(0)).json().get("id").asString()).isEqualTo(ids.get(0));
        // done once: a second run finds nothing to fill and changes nothing
        assertThat(backfill.backfill()).isZero();
        ids.forEach(id -> assertThat(stored(id).getString("customerTokenHash")).isEqualTo(tokens.hashFor(id)));
    }

    @Test
    void more_records_than_one_batch_are_all_filled() {
        String prefix = "backfill-" + java.util.UUID.randomUUID() + "-";
        List<Document> legacy = new ArrayList<>();
        for (int i = 0; i < 1_203; i++) {
            legacy.add(new Document("_id", prefix + String.format("%05d", i)).append("version", 0L)
                    .append("appliedEventIds", List.of()));
        }
        mongo.getCollection("request_views").insertMany(legacy);

        long filled = backfill.backfill();

        assertThat(filled).isGreaterThanOrEqualTo(legacy.size());
        assertThat(mongo.count(new Query(Criteria.where("_id").regex("^" + prefix)
                .and("customerTokenHash").exists(false)), "request_views")).isZero();
        assertThat(stored(prefix + "01202").getString("customerTokenHash")).isEqualTo(tokens.hashFor(prefix + "01202"));
        mongo.remove(new Query(Criteria.where("_id").regex("^" + prefix)), "request_views");
    }

    private Document stored(String id) {
        return mongo.findById(id, Document.class, "request_views");
    }

    private dev.upgradeassist.intake.support.IntakeClient.Response lookup(String id) {
        return client().post(LOOKUP, TestTokens.PORTAL, "{\"token\":\"" + tokens.tokenFor(id) + "\"}");
    }
}
