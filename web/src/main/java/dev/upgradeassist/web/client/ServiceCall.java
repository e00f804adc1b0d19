package dev.upgradeassist.web.client;

import java.util.List;
import java.util.Map;

/**
 * What a service answered, never an exception: a body ({@link Ok}), problem details ({@link Problem}) or no answer at
 * all ({@link Unavailable}). Pages show the last two as a message.
 */
public sealed interface ServiceCall {

    /** A 2xx answer; {@code body} is the parsed JSON (a {@code Map}, a {@code List}, …) or null when empty. */
    record Ok(int status, Object body) implements ServiceCall {
        @SuppressWarnings("unchecked")
        public Map<String, Object> map() {
            return body instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }

        public List<?> list() {
            return body instanceof List<?> l ? l : List.of();
        }
    }

    /** A 4xx/5xx answer read as RFC 9457 problem details (or what could be made of the body). */
    record Problem(String service, int status, String title, String detail, List<FieldError> errors) implements ServiceCall {
    }

    /** One {@code errors[]} entry of a 400 problem. */
    record FieldError(String field, String message) {
    }

    /** The service could not be reached or did not answer in time. */
    record Unavailable(String service, String reason) implements ServiceCall {
    }

    default boolean ok() {
        return this instanceof Ok;
    }

    /** The sentence a page shows for a problem or an unreachable service; null for a success. */
    default String message() {
        if (this instanceof Problem p) {
            StringBuilder text = new StringBuilder();
            text.append(p.service()).append(" answered ").append(p.status());
            if (p.title() != null && !p.title().isBlank()) {
                text.append(" ").append(p.title());
            }
            if (p.detail() != null && !p.detail().isBlank()) {
                text.append(": ").append(p.detail());
            }
            for (FieldError e : p.errors()) {
                text.append(" (").append(e.field()).append(": ").append(e.message()).append(")");
            }
            return text.toString();
        }
        if (this instanceof Unavailable u) {
            return u.service() + " is not available right now (" + u.reason() + "). Try again in a moment.";
        }
        return null;
    }
}
