package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.load.Tracked;
import dev.upgradeassist.systemtests.report.Latency;

import java.util.List;

/**
 * Submit → first email and submit → final status over the accepted requests; one still waiting
 * counts with the time it has waited so far, so with unfinished requests every percentile is a lower bound.
 */
public final class RequestLatency {

    private RequestLatency() {
    }

    public static Latency firstMail(List<Tracked> requests) {
        long now = System.nanoTime();
        return Latency.ofMicros(requests.stream().filter(Tracked::accepted)
                .map(r -> r.hasMail() ? r.submitToFirstMailMicros() : (now - r.submitNanos) / 1000).toList());
    }

    /**
     * As {@link #firstMail}, over the requests whose first email was seen in the mailbox (the tracker's mailbox sample;
     * a request still waiting counts too, as above).
     */
    public static Latency firstMailInMailbox(List<Tracked> requests) {
        return firstMail(requests.stream().filter(r -> !r.mailFromTopic).toList());
    }

    /**
     * As {@link #finalStatus}, over the requests whose final status was read over HTTP (the tracker's status sample; a
     * request still waiting counts too, as above).
     */
    public static Latency finalStatusOverHttp(List<Tracked> requests) {
        return finalStatus(requests.stream().filter(r -> !r.statusFromTopic).toList());
    }

    public static Latency finalStatus(List<Tracked> requests) {
        long now = System.nanoTime();
        return Latency.ofMicros(requests.stream().filter(Tracked::accepted)
                .map(r -> r.isFinal() ? r.submitToFinalMicros() : (now - r.submitNanos) / 1000).toList());
    }
}
