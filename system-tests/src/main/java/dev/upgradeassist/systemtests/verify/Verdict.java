package dev.upgradeassist.systemtests.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** What one check found; the lists hold examples (at most 20). */
public final class Verdict {
    public int requests;
    public int notAccepted;
    public int lost;
    public int unexpectedStatus;
    public int duplicateMessageIds;
    public int crashWindowDuplicates;
    public int duplicateTemplates;
    public int ledgerNotSent;
    public int sentButNotInMailbox;
    public int duplicateLinks;
    public int duplicateApprovals;
    public int linksSeen;
    public int poisonInjected;
    public int poisonMissingFromDlt;
    public long emailsSent;
    public final List<Long> ledgerFirstSentMillis = new ArrayList<>();
    public final Map<String, Map<String, Integer>> templatesByScenario = new TreeMap<>();
    public final List<String> examples = new ArrayList<>();
    /** One key per duplicate found ({@code mailbox|Message-ID}, {@code request|template}, {@code request:revision|links}). */
    public final Set<String> duplicateKeys = ConcurrentHashMap.newKeySet();
    /** The duplicate keys the notification crash window explains. */
    public final Set<String> crashWindowKeys = ConcurrentHashMap.newKeySet();

    public boolean passed() {
        return notAccepted == 0 && lost == 0 && unexpectedStatus == 0 && duplicateMessageIds == 0
                && duplicateTemplates == 0 && duplicateLinks == 0 && poisonMissingFromDlt == 0;
    }

    /** Passed, except for duplicates the notification crash window explains (same ledger entry sent again). */
    public boolean passedAllowingCrashWindow() {
        return notAccepted == 0 && lost == 0 && unexpectedStatus == 0
                && duplicateMessageIds == crashWindowDuplicates && duplicateTemplates == 0
                && duplicateLinks == 0 && poisonMissingFromDlt == 0;
    }

    void example(String text) {
        synchronized (examples) {
            if (examples.size() < 20) {
                examples.add(text);
            }
        }
    }

    @Override
    public String toString() {
        return String.format("requests=%d notAccepted=%d lost=%d unexpectedStatus=%d duplicateEmails(Message-ID)=%d "
                        + "(crash-window %d) duplicateTemplates=%d ledgerNotSent=%d sentButNotInMailbox=%d "
                        + "bookingLinks=%d duplicateLinks=%d duplicateApprovals=%d poison=%d poisonMissingFromDlt=%d%s",
                requests, notAccepted, lost, unexpectedStatus, duplicateMessageIds, crashWindowDuplicates,
                duplicateTemplates, ledgerNotSent, sentButNotInMailbox, linksSeen, duplicateLinks, duplicateApprovals,
                poisonInjected, poisonMissingFromDlt, examples.isEmpty() ? "" : "\n  e.g. " + String.join("\n  e.g. ", examples));
    }
}
