package dev.upgradeassist.platform.testapp;

import dev.upgradeassist.contracts.InfoMissing;
import dev.upgradeassist.platform.outbox.AggregateRoot;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Counts the requests it has seen and answers each with an event, through the outbox. */
@Document("tallies")
public class Tally extends AggregateRoot {

    private int received;

    public Tally(String id) {
        super(id);
    }

    void receive(String requestId, int revision) {
        received++;
        raise(new InfoMissing(UUID.randomUUID().toString(), Instant.now(), requestId, revision, List.of(), List.of(),
                List.of(), null));
    }

    public int received() {
        return received;
    }
}
