package dev.upgradeassist.intake.organization;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** One organization in the directory: entitlement (Priority Support) and the TAM to CC. */
@Document(OrganizationEntry.COLLECTION)
record OrganizationEntry(@Id String id, String name, boolean prioritySupport, Tam tam, Instant updatedAt) {

    static final String COLLECTION = "organizations";

    record Tam(String name, String email) {
    }
}
