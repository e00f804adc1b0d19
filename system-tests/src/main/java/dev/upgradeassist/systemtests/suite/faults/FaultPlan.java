package dev.upgradeassist.systemtests.suite.faults;

import dev.upgradeassist.systemtests.stack.Service;

import java.util.ArrayList;
import java.util.List;

/** The faults of the full suite, in the order they are injected. */
public final class FaultPlan {

    /** Seconds between a recovery and the next kill, by round (repeating). */
    private static final int[] PAUSES = {3, 9, 15};

    private FaultPlan() {
    }

    /**
     * kill -9 of each service, {@code killRounds} rounds; kill -9 of the broker; MongoDB frozen (when
     * {@code mongoOutageSeconds} &gt; 0); a replay of everything; poison records; GreenMail stopped.
     */
    public static List<Fault> standard(int killRounds, int brokerOutageSeconds, int mongoOutageSeconds, int poison,
                                       int smtpOutageSeconds) {
        List<Fault> faults = new ArrayList<>();
        for (int round = 1; round <= killRounds; round++) {
            for (Service service : Service.values()) {
                faults.add(new KillService(service, round, PAUSES[(round - 1) % PAUSES.length]));
            }
        }
        faults.add(new KillBroker(brokerOutageSeconds));
        if (mongoOutageSeconds > 0) {
            faults.add(new FreezeMongo(mongoOutageSeconds));
        }
        faults.add(new ReplayEverything());
        faults.add(new PoisonRecords(poison));
        faults.add(new StopSmtp(smtpOutageSeconds));
        return List.copyOf(faults);
    }
}
