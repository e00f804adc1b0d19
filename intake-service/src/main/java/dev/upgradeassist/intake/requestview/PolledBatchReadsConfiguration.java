package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.intake.request.RequestClockFields;
import dev.upgradeassist.intake.request.UpgradeRequest;
import dev.upgradeassist.platform.messaging.PolledBatchReads;
import dev.upgradeassist.platform.outbox.AggregateRoot;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;
import java.util.Map;

/**
 * The decisions of review and scheduling are each learned by the request and projected into its view: a poll of
 * those topics reads the requests and the views its records name with one query each ({@link PolledBatchReads}).
 * {@code upgrade-assist.intake.polled-batch-reads=false} makes every record read its own, as before (for an A/B).
 * The requests are read without what learning never looks at ({@link UpgradeRequest#UNREAD_BY_LEARNING}: the
 * submission but its form and region, the organization, the comments), which is most of their size.
 * Intake's own topic has only the requests' clock fields read ahead ({@link RequestClockFields#readAhead}): its records
 * are mostly {@code RequestReceived}, whose view is inserted without a read, and each view shows the SLA its request has;
 * one query per poll replaces a read per record. The view keeps the version it read the SLA at, so a copy older than
 * another listener's read never replaces what that read showed.
 */
@Configuration(proxyBeanMethods = false)
class PolledBatchReadsConfiguration {

    @Bean
    @ConditionalOnProperty(name = "upgrade-assist.intake.polled-batch-reads", havingValue = "true", matchIfMissing = true)
    PolledBatchReads polledBatchReads(MongoTemplate mongo) {
        List<Class<? extends AggregateRoot>> decided = List.of(UpgradeRequest.class, RequestRecord.class);
        return new PolledBatchReads(mongo, Map.of(Topics.REVIEW, decided, Topics.SCHEDULING, decided),
                Map.of(UpgradeRequest.class, UpgradeRequest.UNREAD_BY_LEARNING),
                Map.of(Topics.INTAKE, RequestClockFields.readAhead(mongo)));
    }
}
