package dev.upgradeassist.systemtests.metrics;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import dev.upgradeassist.embeddedmongo.IdLookupBackends;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The harness reads each service's round trips from the stack's MongoDB-protocol server, as Prometheus text. */
class MongoCommandCountsTest {

    @Test
    void eachDatabasesCommandsBecomeItsOwnSeriesThatTheReportSumsAndDifferences() {
        MongoServer server = new MongoServer(new IdLookupBackends.Memory());
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> requests = client.getDatabase("intake-service").getCollection("upgrade_requests");
            requests.insertOne(new Document("_id", "r-1").append("version", 1L));
            requests.insertOne(new Document("_id", "r-2").append("version", 1L));
            requests.find(Filters.eq("_id", "r-1")).first();
            client.getDatabase("notification-service").getCollection("notifications")
                    .updateOne(Filters.eq("_id", "n-1"), Updates.set("status", "SENT"));
            Map<String, String> before = MongoCommandCounts.byDatabase(address.getPort());
            requests.find(Filters.eq("_id", "r-2")).first();
            requests.find(Filters.eq("_id", "r-3")).first();

            Map<String, String> after = MongoCommandCounts.byDatabase(address.getPort());

            assertThat(after).containsOnlyKeys("intake-service", "notification-service");
            assertThat(PrometheusText.sumBy(after.get("intake-service"), MongoCommandCounts.COMMANDS, "collection",
                    "command")).containsOnly(entry("upgrade_requests:insert", 2.0), entry("upgrade_requests:find", 3.0));
            assertThat(PrometheusText.sumBy(after.get("notification-service"), MongoCommandCounts.COMMANDS,
                    "collection", "command")).containsOnly(entry("notifications:update", 1.0));
            assertThat(PrometheusText.sumBy(after.get("intake-service"), MongoCommandCounts.COMMANDS)
                    .get("") - PrometheusText.sumBy(before.get("intake-service"), MongoCommandCounts.COMMANDS).get(""))
                    .as("the two reads between the snapshots").isEqualTo(2.0);
            assertThat(PrometheusText.delta(before.get("intake-service"), after.get("intake-service"),
                    MongoCommandCounts.SECONDS)).as("the time the server took for them").isPositive();
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void aServerThatDoesNotAnswerGivesNoCounts() throws Exception {
        int port;
        try (ServerSocket unused = new ServerSocket(0)) {
            port = unused.getLocalPort();
        }

        assertThat(MongoCommandCounts.byDatabase(port)).isEmpty();
    }
}
