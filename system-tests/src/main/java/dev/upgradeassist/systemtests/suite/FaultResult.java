package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.report.Figures;
import dev.upgradeassist.systemtests.report.Latency;
import dev.upgradeassist.systemtests.verify.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * One fault: the time until the component was ready ({@code restartMillis}, 0 when none), until every
 * earlier request was done, the check of the requests around it, and the duplicates it found that
 * no earlier check had found.
 */
public record FaultResult(String fault, String when, long restartMillis, double recoverySeconds, int requestsInWindow,
                          Latency firstMail, Verdict verdict, String note, NewDuplicates duplicates,
                          boolean serviceRestart) {

    public boolean passed() {
        return verdict.lost == 0 && verdict.notAccepted == 0 && verdict.poisonMissingFromDlt == 0
                && duplicates.emails() == 0 && duplicates.templates() == 0 && duplicates.links() == 0;
    }

    public String summary() {
        return String.format("%d lost, %d not accepted, %d new duplicate emails (%d crash window), %d new same template twice, "
                        + "%d new duplicate links, %d/%d poison missing from DLT", verdict.lost, verdict.notAccepted,
                duplicates.emails(), duplicates.crashWindow(), duplicates.templates(), duplicates.links(),
                verdict.poisonMissingFromDlt, verdict.poisonInjected);
    }

    /** Its pass line, and for a kill -9 of a service the restart's. */
    public List<PassLine> passLines() {
        List<PassLine> lines = new ArrayList<>();
        lines.add(new PassLine("fault: " + fault + " — 0 lost, 0 duplicate emails, 0 duplicate links", passed(), summary()));
        if (serviceRestart) {
            lines.add(new PassLine("healthy within 10 s of its start: " + fault.substring("kill -9 ".length())
                    + " (restart under load)", Figures.healthyWithinLimit(restartMillis), String.format("%.1f s", restartMillis / 1000.0)));
        }
        return lines;
    }
}
