package dev.upgradeassist.scheduling.request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The booking links of one request, as the aggregate changes them: issued, booked, closed. Works on the aggregate's
 * own (persisted) list; the aggregate raises the events of what it did.
 */
final class BookingLinks {

    private final List<BookingLink> links;

    BookingLinks(List<BookingLink> links) {
        this.links = links;
    }

    void issue(BookingLink link) {
        links.add(link);
    }

    Optional<BookingLink> byTokenHash(String tokenHash) {
        return links.stream().filter(link -> link.tokenHash().equals(tokenHash)).findFirst();
    }

    /** Marks the link with this token hash booked; empty when there is none or it cannot be used at {@code now}. */
    Optional<BookingLink> book(String tokenHash, Instant now) {
        for (int i = 0; i < links.size(); i++) {
            BookingLink link = links.get(i);
            if (link.tokenHash().equals(tokenHash)) {
                if (!link.usableAt(now)) {
                    return Optional.empty();
                }
                links.set(i, link.close(LinkStatus.BOOKED, now));
                return Optional.of(link);
            }
        }
        return Optional.empty();
    }

    /** Closes every link still ISSUED: REVOKED, or EXPIRED when it had run out anyway; returns them as closed. */
    List<BookingLink> closeOpen(Instant now) {
        List<BookingLink> closed = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            BookingLink link = links.get(i);
            if (link.status() == LinkStatus.ISSUED) {
                BookingLink done = link.close(link.expiresAt().isAfter(now) ? LinkStatus.REVOKED : LinkStatus.EXPIRED,
                        now);
                links.set(i, done);
                closed.add(done);
            }
        }
        return closed;
    }

    /** Closes the links still ISSUED that have run out (EXPIRED); returns them as closed. */
    List<BookingLink> expireRunOut(Instant now) {
        List<BookingLink> expired = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            BookingLink link = links.get(i);
            if (link.status() == LinkStatus.ISSUED && !link.expiresAt().isAfter(now)) {
                BookingLink done = link.close(LinkStatus.EXPIRED, now);
                links.set(i, done);
                expired.add(done);
            }
        }
        return expired;
    }

    BookingLink last() {
        return links.get(links.size() - 1);
    }
}
