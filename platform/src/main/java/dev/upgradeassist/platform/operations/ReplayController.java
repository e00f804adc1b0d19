package dev.upgradeassist.platform.operations;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code POST /api/v1/operations/replay} (OPERATOR): re-read a consumed topic while the service runs. */
@RestController
public class ReplayController {

    private static final Logger audit = LoggerFactory.getLogger("upgrade-assist.audit");

    private final ReplayService replay;

    public ReplayController(ReplayService replay) {
        this.replay = replay;
    }

    public record ReplayBody(@NotBlank String topic, @NotBlank String from) {
    }

    public record PartitionView(int partition, long offset) {
    }

    public record ReplayView(String topic, String from, String groupId, List<PartitionView> partitions) {
    }

    @PostMapping("/api/v1/operations/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasRole('OPERATOR')")
    public ReplayView replay(@Valid @RequestBody ReplayBody body, Authentication operator) {
        ReplayView view = replay.replay(body.topic(), body.from());
        audit.info("operator={} action=replay topic={} from={} partitions={}", operator.getName(), body.topic(),
                body.from(), view.partitions());
        return view;
    }
}
