package dev.upgradeassist.systemtests.suite;

import dev.upgradeassist.systemtests.verify.Verdict;

/** A check's verdict in one line: short (console, pass lines) or full (the report's correctness lines). */
public final class Verdicts {

    private Verdicts() {
    }

    public static String shortLine(Verdict v) {
        return String.format("%d lost, %d not accepted, %d duplicate emails (%d crash window), %d same template twice, "
                        + "%d duplicate links, %d/%d poison missing from DLT", v.lost, v.notAccepted, v.duplicateMessageIds,
                v.crashWindowDuplicates, v.duplicateTemplates, v.duplicateLinks, v.poisonMissingFromDlt, v.poisonInjected);
    }

    public static String fullLine(Verdict v) {
        return String.format("%,d requests: %d lost, %d not accepted, %d with an unexpected status, %d duplicate emails by Message-ID "
                        + "(%d explained by the notification crash window), %d templates sent twice, %,d emails sent (%d ledger "
                        + "entries not SENT, %d SENT but not found in the mailbox), %,d booking links (%d duplicate), %d "
                        + "duplicate approvals.", v.requests, v.lost, v.notAccepted, v.unexpectedStatus, v.duplicateMessageIds,
                v.crashWindowDuplicates, v.duplicateTemplates, v.emailsSent, v.ledgerNotSent, v.sentButNotInMailbox, v.linksSeen,
                v.duplicateLinks, v.duplicateApprovals);
    }
}
