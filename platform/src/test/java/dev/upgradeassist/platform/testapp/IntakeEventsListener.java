package dev.upgradeassist.platform.testapp;

import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.platform.messaging.EventListenerSupport;
import dev.upgradeassist.platform.messaging.PoisonEventException;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.outbox.Target;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
@KafkaListener(topics = Topics.INTAKE)
public class IntakeEventsListener extends EventListenerSupport {

    private final AggregateStore store;
    private final Switches switches;

    public IntakeEventsListener(AggregateStore store, Switches switches) {
        this.store = store;
        this.switches = switches;
    }

    @KafkaHandler
    public void on(RequestReceived event) {
        if ("poison".equals(event.ticketId())) {
            throw new PoisonEventException("ticket marked as poison");
        }
        if ("fixable".equals(event.ticketId()) && switches.rejectFixable.get()) {
            throw new PoisonEventException("cannot process this ticket yet");
        }
        if ("outage".equals(event.ticketId()) && switches.outageFailures.getAndDecrement() > 0) {
            throw new org.springframework.dao.DataAccessResourceFailureException(
                    "simulated: Timed out while waiting for a server (MongoDB unreachable)");
        }
        store.apply(Target.orCreate(Tally.class, event.requestId(), () -> new Tally(event.requestId()),
                Target.Creation.READ_FIRST).causedBy(event), tally -> {
                    tally.receive(event.requestId(), event.revision());
                    return null;
                });
    }
}
