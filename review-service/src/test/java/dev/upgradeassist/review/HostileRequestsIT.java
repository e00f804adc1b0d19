package dev.upgradeassist.review;

import dev.upgradeassist.testsupport.HostileRequestsContract;
import dev.upgradeassist.testsupport.IntegrationTest;

/** {@link HostileRequestsContract} against review-service's whole API, from its OpenAPI document. */
@IntegrationTest
class HostileRequestsIT extends HostileRequestsContract {
}
