package dev.upgradeassist.systemtests.suite;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Read-only copies that keep the iteration order (Map.copyOf does not). */
final class Immutable {

    private Immutable() {
    }

    static <K, V> Map<K, V> map(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
