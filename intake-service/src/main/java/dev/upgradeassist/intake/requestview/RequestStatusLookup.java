package dev.upgradeassist.intake.requestview;

import dev.upgradeassist.platform.web.ApiProblem;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the commands need to know about a request's status, from the read model. A request whose
 * first events have not been projected yet counts as SUBMITTED.
 */
@Service
public class RequestStatusLookup {

    private static final Set<RequestStatus> AWAITING_OUTCOME = EnumSet.of(RequestStatus.ON_HOLD, RequestStatus.ROLLBACK_ADVISED);

    private final MongoTemplate mongo;

    RequestStatusLookup(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** 409 when the request is completed or declined for good (not entitled, out of scope). */
    public void checkAmendable(String requestId) {
        RequestView view = mongo.findById(requestId, RequestView.class);
        if (view == null) {
            return;
        }
        if (view.status() == RequestStatus.COMPLETED) {
            throw ApiProblem.conflict("The request is completed and can no longer be amended; submit a new request");
        }
        if (view.status() == RequestStatus.DECLINED && view.declineReason() != null
                && view.declineReason().closesRequest()) {
            throw ApiProblem.conflict("The request was declined (" + view.declineReason()
                    + ") and can no longer be amended");
        }
    }

    /** 409 unless the upgrade is scheduled (ON_HOLD) or rollback was advised. */
    public void checkAwaitingOutcome(String requestId) {
        RequestView view = mongo.findById(requestId, RequestView.class);
        RequestStatus status = view == null ? RequestStatus.SUBMITTED : view.status();
        if (!AWAITING_OUTCOME.contains(status)) {
            throw ApiProblem.conflict("An outcome can be reported only when the request is ON_HOLD or "
                    + "ROLLBACK_ADVISED; it is " + status);
        }
    }
}
