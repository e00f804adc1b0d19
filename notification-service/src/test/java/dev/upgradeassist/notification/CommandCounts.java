package dev.upgradeassist.notification;

import org.bson.Document;
import org.junit.jupiter.api.Assumptions;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The commands the in-JVM MongoDB-protocol server served, as it counts them: a test that asserts round trips is
 * skipped (aborted) on a server that counts nothing (real MongoDB, under Testcontainers).
 */
public final class CommandCounts {

    private CommandCounts() {
    }

    /** The {@code command}s on {@code collection} of this test's database served so far. */
    public static long served(MongoTemplate mongo, String collection, String command) {
        Document reply;
        try {
            reply = mongo.getMongoDatabaseFactory().getMongoDatabase("admin")
                    .runCommand(new Document("upgradeAssistCommandCounts", 1));
        } catch (RuntimeException e) {
            Assumptions.abort("the server counts no commands (real MongoDB): " + e.getMessage());
            return 0;
        }
        String database = mongo.getDb().getName();
        return reply.getList("commands", Document.class).stream()
                .filter(entry -> database.equals(entry.getString("database"))
                        && collection.equals(entry.getString("collection"))
                        && command.equals(entry.getString("command")))
                .mapToLong(entry -> entry.getLong("count")).sum();
    }
}
