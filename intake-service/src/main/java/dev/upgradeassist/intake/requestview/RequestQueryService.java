package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.intake.request.RequestClockFields;
import dev.upgradeassist.intake.request.UpgradeRequest;
import dev.upgradeassist.platform.links.CustomerPageTokens;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.domain.RuleViolation;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;

/** Reads of the request view: one request (by id, or by its customer page token), and the engineers' queue. */
@Service
class RequestQueryService {

    /** The one answer to every link that finds no request: it says nothing about why. */
    static final String NO_PAGE = "No request page for this link";

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final CustomerPageTokens tokens;
    private final java.time.Clock clock;

    RequestQueryService(MongoTemplate mongo, AggregateStore store, CustomerPageTokens tokens, java.time.Clock clock) {
        this.mongo = mongo;
        this.store = store;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The statuses a request ends in: it is no longer open. */
    static final List<RequestStatus> ENDED = List.of(RequestStatus.DECLINED, RequestStatus.COMPLETED,
            RequestStatus.CLOSED);

    /** The queue's filters besides the paging and the order. */
    record QueueFilter(RequestStatus status, Region region, String assignee, boolean openOnly, boolean breachedOnly) {
    }

    /**
     * The request whose customer page token this is, as the customer may see it (as {@link #get} for the CUSTOMER
     * audience). Found by the token's hash; the token itself is never stored, logged or put in an error. Anything
     * that finds no request (no token, a token of the wrong shape, an unknown one, one signed under another secret,
     * a request intake does not know) is the same not-found with the same neutral detail.
     */
    RequestDetailsView byCustomerToken(String token) {
        if (!CustomerPageTokens.looksLikeToken(token)) {
            throw RuleViolation.notFound(NO_PAGE);
        }
        String hash = CustomerPageTokens.hash(token);
        Query byHash = new Query(Criteria.where(RequestRecord.CUSTOMER_TOKEN_HASH).is(hash));
        byHash.fields().include("_id");
        RequestRecord found = mongo.findOne(byHash, RequestRecord.class);
        // a stored hash from before the secret was changed finds nothing until a rebuild: only current links open
        if (found == null || !hash.equals(tokens.hashFor(found.id()))) {
            throw RuleViolation.notFound(NO_PAGE);
        }
        try {
            return get(found.id(), RequestDetailsView.Audience.CUSTOMER);
        } catch (RuleViolation e) {
            if (e.kind() == RuleViolation.Kind.NOT_FOUND) {
                throw RuleViolation.notFound(NO_PAGE);
            }
            throw e;
        }
    }

    /** One request as {@code audience} may see it: the customer never sees an INTERNAL comment. */
    RequestDetailsView get(String id, RequestDetailsView.Audience audience) {
        RequestRecord view = mongo.findById(id, RequestRecord.class);
        if (view != null && view.receivedAt() != null) {
            // the SLA and auto-close as the request's own document has them now (those fields only)
            return RequestDetailsView.of(view, audience, RequestClockFields.read(mongo, id).orElse(null));
        }
        // not projected yet (or only events of other services so far): the view if intake knows the request
        UpgradeRequest known = store.find(UpgradeRequest.class, id)
                .orElseThrow(() -> RuleViolation.notFound("There is no upgrade request with this id"));
        return view != null ? RequestDetailsView.of(view, audience, RequestClockFields.from(known))
                : RequestDetailsView.received(known);
    }

    /**
     * @param byDue {@code sort=due}: running clocks by due time, earliest (so breached ones) first, then the requests
     *              with no running clock; equal due times oldest first; else newest first.
     * {@code openOnly}: not DECLINED, COMPLETED or CLOSED; {@code breachedOnly}: a response clock runs and its due time
     * has passed (a response not yet given; a breach that was answered late no longer counts here).
     */
    RequestPageView queue(QueueFilter filter, boolean byDue, int page, int size) {
        RequestStatus status = filter.status();
        Region region = filter.region();
        String assignee = filter.assignee();
        List<Criteria> filters = new ArrayList<>();
        filters.add(Criteria.where("receivedAt").ne(null)); // requests, not stray events about unknown ids
        if (status != null) {
            filters.add(status == RequestStatus.SUBMITTED
                    ? new Criteria().orOperator(Criteria.where("status").is(status), Criteria.where("status").isNull())
                    : Criteria.where("status").is(status));
        }
        if (region != null) {
            filters.add(Criteria.where("region").is(region));
        }
        if (assignee != null) {
            filters.add(Criteria.where("assignee").is(assignee));
        }
        if (filter.openOnly()) {
            filters.add(Criteria.where("status").nin(ENDED));
        }
        if (filter.breachedOnly()) {
            filters.add(Criteria.where("hasDue").is(true));
            filters.add(Criteria.where("dueAt").lt(clock.instant()));
        }
        Query query = filters.isEmpty() ? new Query() : new Query(new Criteria().andOperator(filters));
        long total = mongo.count(query, RequestRecord.class);
        query.with(byDue
                        ? Sort.by(Sort.Order.desc("hasDue"), Sort.Order.asc("dueAt"), Sort.Order.asc("receivedAt"),
                        Sort.Order.asc("_id"))
                        : Sort.by(Sort.Order.desc("receivedAt"), Sort.Order.desc("_id")))
                .skip((long) page * size).limit(size);
        List<RequestSummaryView> items = mongo.find(query, RequestRecord.class).stream()
                .map(RequestSummaryView::of).toList();
        return new RequestPageView(items, page, size, total);
    }
}
