package dev.upgradeassist.scheduling.request;

import dev.upgradeassist.contracts.BookingLinkExpired;
import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.contracts.DomainEvent;
import dev.upgradeassist.platform.ids.DerivedIds;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The booking links of one request, on behalf of its {@link RequestSchedule}: issuing one (BookingLinkIssued), booking
 * one, closing the open ones and those that ran out (BookingLinkExpired). Works on the aggregate's own (persisted) list
 * and raises the events of what it did; the schedule decides the stage.
 */
final class BookingLinks {

    private final RequestScheduleState state;
    private final Consumer<DomainEvent> raise;

    BookingLinks(RequestScheduleState state, Consumer<DomainEvent> raise) {
        this.state = state;
        this.raise = raise;
    }

    /**
     * Adds the link {@code offer} for an approval (with the request's engineer) and announces it: BookingLinkIssued
     * with this event id, re-issued by {@code reissuedBy} (null when issued on approval).
     */
    void issue(NewLink offer, String forApproval, int revision, String eventId, String reissuedBy, Instant now) {
        state.links.add(new BookingLink(offer.linkId(), forApproval, revision, offer.tokenHash(), LinkStatus.ISSUED,
                now, offer.expiresAt(), null));
        raise.accept(new BookingLinkIssued(eventId, now, state.id(), offer.linkId(), forApproval, offer.url(),
                offer.expiresAt(), state.engineer, offer.callMinutes(), state.contact, reissuedBy));
    }

    /** Marks the link with this token hash booked; empty when there is none or it cannot be used at {@code now}. */
    Optional<BookingLink> book(String tokenHash, Instant now) {
        List<BookingLink> links = state.links;
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

    /**
     * Closes every link still ISSUED (REVOKED, or EXPIRED when it had run out anyway) and announces each
     * (BookingLinkExpired with that reason); returns how many it closed.
     */
    int closeOpen(Instant now) {
        return close(false, now);
    }

    /** Closes the links still ISSUED that have run out (BookingLinkExpired EXPIRED); returns how many it closed. */
    int expireRunOut(Instant now) {
        return close(true, now);
    }

    BookingLink last() {
        return state.links.get(state.links.size() - 1);
    }

    private int close(boolean runOutOnly, Instant now) {
        List<BookingLink> links = state.links;
        int closed = 0;
        for (int i = 0; i < links.size(); i++) {
            BookingLink link = links.get(i);
            boolean runOut = !link.expiresAt().isAfter(now);
            if (link.status() == LinkStatus.ISSUED && (runOut || !runOutOnly)) {
                BookingLink done = link.close(runOut ? LinkStatus.EXPIRED : LinkStatus.REVOKED, now);
                links.set(i, done);
                var reason = BookingLinkExpired.Reason.valueOf(done.status().name());
                raise.accept(new BookingLinkExpired(DerivedIds.derive(done.linkId(), reason.name()), now, state.id(),
                        done.linkId(), reason));
                closed++;
            }
        }
        return closed;
    }
}
