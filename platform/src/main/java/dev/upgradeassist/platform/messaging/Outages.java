package dev.upgradeassist.platform.messaging;

/**
 * Tells an outage (MongoDB or the broker unreachable, a timeout, a write that keeps meeting concurrent ones) from a
 * record that cannot be processed: a record that fails because of an outage is retried until the outage ends, never
 * dead-lettered for it.
 */
public final class Outages {

    private Outages() {
    }

    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PoisonEventException || cause instanceof IllegalArgumentException) {
                return false;
            }
            if (cause instanceof org.springframework.dao.DataAccessResourceFailureException
                    || cause instanceof org.springframework.dao.TransientDataAccessException
                    || cause instanceof com.mongodb.MongoSocketException
                    || cause instanceof com.mongodb.MongoTimeoutException
                    || cause instanceof com.mongodb.MongoNotPrimaryException
                    || cause instanceof com.mongodb.MongoNodeIsRecoveringException
                    || cause instanceof org.apache.kafka.common.errors.RetriableException
                    || cause instanceof java.net.ConnectException
                    || cause instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
