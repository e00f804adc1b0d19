package dev.upgradeassist.intake.submission;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * An {@code Idempotency-Key} claimed by a submission. The key is the document id, so the first
 * insert wins and concurrent retries with the same key all find the same request id. Written before
 * the request itself (insert-first); whoever finds the request missing creates it with this id and
 * ticket, and the request's own unique id makes sure only one of them does.
 */
@Document(IdempotencyRecord.COLLECTION)
record IdempotencyRecord(@Id String key, String requestId, String ticketId, String bodyHash, Instant createdAt) {

    static final String COLLECTION = "idempotency_keys";
}
