package dev.upgradeassist.systemtests.suite;

import java.util.HashSet;
import java.util.Set;

/**
 * The duplicates a fault's check found that no earlier check of the phase had found, by kind: the
 * same email twice in a mailbox ({@code mailbox|Message-ID}, the mailbox has an @), the same booking
 * link twice ({@code request:revision|links}), the same template twice in the ledger (the rest);
 * and how many of them the notification crash window explains.
 */
public record NewDuplicates(int emails, int crashWindow, int templates, int links) {

    /**
     * @param seenBefore  the duplicate keys earlier checks found
     * @param found       the keys this check found
     * @param crashWindow the keys the crash window explains
     */
    public static NewDuplicates of(Set<String> seenBefore, Set<String> found, Set<String> crashWindow) {
        Set<String> fresh = new HashSet<>(found);
        fresh.removeAll(seenBefore);
        int links = (int) fresh.stream().filter(k -> k.endsWith("|links")).count();
        int emails = (int) fresh.stream().filter(k -> k.contains("@")).count();
        int crash = (int) fresh.stream().filter(crashWindow::contains).count();
        return new NewDuplicates(emails, crash, fresh.size() - links - emails, links);
    }
}
