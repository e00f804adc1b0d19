package dev.upgradeassist.notification;

import dev.upgradeassist.testsupport.HostileRequestsContract;
import dev.upgradeassist.testsupport.IntegrationTest;

/** {@link HostileRequestsContract} against notification-service's whole API, from its OpenAPI document. */
@IntegrationTest
class HostileRequestsIT extends HostileRequestsContract {
}
