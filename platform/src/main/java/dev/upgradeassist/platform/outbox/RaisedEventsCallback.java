package dev.upgradeassist.platform.outbox;

import org.springframework.data.mongodb.core.mapping.event.BeforeConvertCallback;

/**
 * Encodes an aggregate's raised events into its outbox before any write of it, also one made with
 * {@code MongoTemplate} directly rather than through {@link AggregateStore} (which does the same itself): a raised
 * event is never left out of the write that carries its state change. And refuses a whole write of an aggregate that
 * was read in part ({@link AggregateRoot#readWithout}), which would store it without what the read left out.
 */
public class RaisedEventsCallback implements BeforeConvertCallback<AggregateRoot> {

    @Override
    public AggregateRoot onBeforeConvert(AggregateRoot aggregate, String collection) {
        if (!aggregate.writableAs(null)) {
            throw new IllegalStateException(aggregate.getClass().getSimpleName() + " " + aggregate.id()
                    + " was read in part and is never written whole");
        }
        aggregate.stageRaisedEvents();
        return aggregate;
    }
}
