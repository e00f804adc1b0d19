package dev.upgradeassist.platform.operations;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Operator endpoints to inspect a dead-letter topic and re-drive records into their source topic. */
@RestController
public class DeadLetterController {

    private static final Logger audit = LoggerFactory.getLogger("upgrade-assist.audit");

    private final DeadLetterService deadLetters;

    public DeadLetterController(DeadLetterService deadLetters) {
        this.deadLetters = deadLetters;
    }

    public record RedriveBody(@NotBlank String topic,
                              @NotEmpty @jakarta.validation.constraints.Size(max = 1000)
                              List<DeadLetterService.@jakarta.validation.constraints.NotNull @Valid RecordRef> records) {
    }

    public record RedriveView(String topic, List<DeadLetterService.RedriveResult> results) {
    }

    @GetMapping("/api/v1/operations/dead-letters")
    @PreAuthorize("hasRole('OPERATOR')")
    public List<DeadLetterService.DeadLetterView> list(@RequestParam String topic,
                                                       @RequestParam(defaultValue = "100") int limit) {
        return deadLetters.list(topic, Math.max(1, Math.min(limit, 1000)));
    }

    @PostMapping("/api/v1/operations/dead-letters/redrive")
    @PreAuthorize("hasRole('OPERATOR')")
    public RedriveView redrive(@Valid @RequestBody RedriveBody body, Authentication operator) {
        var results = deadLetters.redrive(body.topic(), body.records());
        audit.info("operator={} action=redrive topic={} results={}", operator.getName(), body.topic(), results);
        return new RedriveView(body.topic(), results);
    }
}
