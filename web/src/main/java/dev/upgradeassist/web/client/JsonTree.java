package dev.upgradeassist.web.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's JSON as the templates read it: objects become {@link Lenient} maps so that {@code ${item.assignee}}
 * is null, not an error, when a service leaves a field out (Spring's MapAccessor only reads keys a map contains).
 */
final class JsonTree {

    private JsonTree() {
    }

    static Object lenient(Object value) {
        if (value instanceof Map<?, ?> map) {
            Lenient copy = new Lenient();
            map.forEach((k, v) -> copy.put(String.valueOf(k), lenient(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(lenient(v)));
            return copy;
        }
        return value;
    }

    /** A JSON object whose absent fields read as null in templates. */
    static final class Lenient extends LinkedHashMap<String, Object> {
        @Override
        public boolean containsKey(Object key) {
            return key instanceof String;
        }
    }
}
