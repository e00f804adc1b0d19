package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.contracts.model.Region;
import dev.upgradeassist.intake.request.UpgradeRequest;
import dev.upgradeassist.platform.outbox.AggregateStore;
import dev.upgradeassist.platform.domain.RuleViolation;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;

/** Reads of the request view: one request, and the engineers' queue. */
@Service
class RequestQueryService {

    private final MongoTemplate mongo;
    private final AggregateStore store;

    RequestQueryService(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
    }

    /** One request as {@code audience} may see it: the customer never sees an INTERNAL comment. */
    RequestDetailsView get(String id, RequestDetailsView.Audience audience) {
        RequestRecord view = mongo.findById(id, RequestRecord.class);
        // the SLA and auto-close as the request's own document has them now
        var request = store.find(UpgradeRequest.class, id);
        if (view != null && view.receivedAt() != null) {
            return RequestDetailsView.of(view, audience, request.orElse(null));
        }
        // not projected yet (or only events of other services so far): the view if intake knows the request
        UpgradeRequest known = request.orElseThrow(() -> RuleViolation.notFound("There is no upgrade request with this id"));
        return view != null ? RequestDetailsView.of(view, audience, known) : RequestDetailsView.received(known);
    }

    /**
     * @param byDue {@code sort=due}: running clocks by due time, earliest (so breached ones) first, then the requests
     *              with no running clock; equal due times oldest first; else newest first
     */
    RequestPageView queue(RequestStatus status, Region region, String assignee, boolean byDue, int page, int size) {
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
