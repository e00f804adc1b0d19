package dev.upgradeassist.scheduling;

import dev.upgradeassist.testsupport.HostileRequestsContract;

/** {@link HostileRequestsContract} against scheduling-service's whole API, from its OpenAPI document. */
@SchedulingIntegrationTest
class HostileRequestsIT extends HostileRequestsContract {
}
