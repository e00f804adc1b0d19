package dev.upgradeassist.review.infrastructure;

import dev.upgradeassist.review.decision.ApprovalModeSetting;
import dev.upgradeassist.review.decision.PlanReview;
import dev.upgradeassist.review.decision.ReviewSettings;
import dev.upgradeassist.review.timing.TimingPolicy;
import dev.upgradeassist.review.upgradepath.CurrentUpgradePathData;
import dev.upgradeassist.review.upgradepath.UpgradePathCatalog;
import org.springframework.data.mongodb.core.MongoTemplate;
import dev.upgradeassist.review.upgradepath.UpgradePathEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Wires the pure review policy: the upgrade-path data, the engine and the policy with its clock; and the approval
 * mode.
 */
@Configuration(proxyBeanMethods = false)
class ReviewConfiguration {

    /** Fails start-up when the data file is missing or inconsistent. */
    @Bean
    UpgradePathCatalog upgradePathCatalog(ReviewProperties properties, ResourceLoader resources) {
        Resource resource = resources.getResource(properties.stops());
        try (InputStream in = resource.getInputStream()) {
            return UpgradePathCatalog.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upgrade-path data " + properties.stops(), e);
        }
    }

    /** The data in force: the shipped file until an operator sends newer data (MongoDB, polled). */
    @Bean
    CurrentUpgradePathData currentUpgradePathData(UpgradePathCatalog shipped, MongoTemplate mongo, Clock clock) {
        CurrentUpgradePathData data = new CurrentUpgradePathData(shipped, mongo, clock);
        data.refresh();
        return data;
    }

    @Bean
    UpgradePathEngine upgradePathEngine(CurrentUpgradePathData data) {
        return new UpgradePathEngine(data::catalog);
    }

    @Bean
    PlanReview planReview(UpgradePathEngine engine, ReviewProperties properties, Clock clock) {
        TimingPolicy timing = new TimingPolicy(properties.callMinimumLead(), properties.callComfortableLead(),
                properties.federalNotice(), properties.federalZone(), properties.federalDayStart(),
                properties.federalDayEnd());
        return new PlanReview(engine, new ReviewSettings(properties.minutesPerHop(), timing), clock);
    }

    @Bean
    ApprovalModeSetting approvalModeSetting(ReviewProperties properties) {
        return new ApprovalModeSetting(properties.approvalMode());
    }
}
