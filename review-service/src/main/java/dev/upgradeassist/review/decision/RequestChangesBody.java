package dev.upgradeassist.review.decision;

import dev.upgradeassist.contracts.model.Deficiency;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * An engineer asks the customer for changes: feedback, items, or both (neither is a 400).
 *
 * @param feedback what the customer is told (optional when there are items)
 * @param items    what to change, each with the field it concerns, what is wrong and a hint how to fix it
 * @param revision the revision the engineer reviewed (optional): when it is not the current one, 409
 */
record RequestChangesBody(
        @Size(max = ApproveBody.MAX_FEEDBACK) String feedback,
        @Size(max = 50) List<@NotNull @Valid Item> items,
        @Positive Integer revision) {

    /**
     * @param field   the submission field it concerns, e.g. {@code rollbackPlan}
     * @param message what is missing or wrong
     * @param hint    how to fix it (optional)
     */
    record Item(
            @NotBlank @Size(max = 200) String field,
            @NotBlank @Size(max = 5_000) String message,
            @Size(max = 5_000) String hint) {

        Deficiency deficiency() {
            return new Deficiency(Deficiency.ENGINEER_REQUESTED, field.strip(), message.strip(),
                    hint == null || hint.isBlank() ? null : hint.strip());
        }
    }

    List<Deficiency> deficiencies() {
        return items == null ? List.of() : items.stream().map(Item::deficiency).toList();
    }

    /** The feedback without surrounding blanks, or null when there is none. */
    String feedbackText() {
        return feedback == null || feedback.isBlank() ? null : feedback.strip();
    }
}
