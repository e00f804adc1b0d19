package dev.upgradeassist.platform.messaging;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import static org.assertj.core.api.Assertions.assertThat;

class OutagesTest {

    @Test
    void an_unreachable_database_or_broker_is_an_outage_however_deeply_wrapped() {
        assertThat(Outages.isOutage(new ListenerExecutionFailedException("listener failed",
                new DataAccessResourceFailureException("Timed out", new MongoTimeoutException("no server"))))).isTrue();
        assertThat(Outages.isOutage(new MongoSocketOpenException("refused", new ServerAddress()))).isTrue();
        assertThat(Outages.isOutage(new org.apache.kafka.common.errors.TimeoutException("metadata"))).isTrue();
        assertThat(Outages.isOutage(new OptimisticLockingFailureException("contention"))).isTrue();
    }

    @Test
    void a_record_that_cannot_be_processed_is_not_an_outage() {
        assertThat(Outages.isOutage(new ListenerExecutionFailedException("listener failed",
                new PoisonEventException("no request id")))).isFalse();
        assertThat(Outages.isOutage(new IllegalStateException("a bug"))).isFalse();
        assertThat(Outages.isOutage(new NullPointerException())).isFalse();
    }
}
