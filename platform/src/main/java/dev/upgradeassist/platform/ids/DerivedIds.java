package dev.upgradeassist.platform.ids;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids derived from another id, so that the same cause always yields the same id: an event raised because of another
 * event gets the same id on every redelivery and every retried write, and consumers drop the repeats by id.
 */
public final class DerivedIds {

    private DerivedIds() {
    }

    /** A name-based (version 3) UUID of {@code causeId + ":" + what}. */
    public static String derive(String causeId, String what) {
        return UUID.nameUUIDFromBytes((causeId + ":" + what).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
