package dev.upgradeassist.intake.rebuild;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operator endpoints to rebuild the request view from the topics and follow its progress. */
@RestController
class RebuildController {

    private static final Logger audit = LoggerFactory.getLogger("upgrade-assist.audit");

    private final RequestViewRebuild rebuild;

    RebuildController(RequestViewRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping("/api/v1/operations/rebuild-request-views")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasRole('OPERATOR')")
    RequestViewRebuild.RebuildView start(Authentication operator) {
        RequestViewRebuild.RebuildView view = rebuild.start();
        audit.info("operator={} action=rebuild-request-views rebuild={}", operator.getName(), view.id());
        return view;
    }

    @GetMapping("/api/v1/operations/rebuild-request-views")
    @PreAuthorize("hasRole('OPERATOR')")
    RequestViewRebuild.RebuildView status() {
        return rebuild.status();
    }
}
