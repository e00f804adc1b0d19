package dev.upgradeassist.intake;

import dev.upgradeassist.testsupport.HostileRequestsContract;
import dev.upgradeassist.testsupport.IntegrationTest;

/** {@link HostileRequestsContract} against intake-service's whole API, from its OpenAPI document. */
@IntegrationTest
class HostileRequestsIT extends HostileRequestsContract {
}
