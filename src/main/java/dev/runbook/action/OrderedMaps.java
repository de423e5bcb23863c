package dev.runbook.action;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Unmodifiable maps that keep insertion order, for facts and other values the operator reads in order
 * (the step pane, the journal, the report). {@code Map.copyOf} and {@code Map.of} iterate in an order that
 * changes with every JVM start, so they are never used for these.
 */
public final class OrderedMaps {
    private OrderedMaps() {
    }

    /** An unmodifiable copy of {@code map} in its iteration order (null = empty). */
    public static <K, V> Map<K, V> copy(Map<K, V> map) {
        return map == null || map.isEmpty() ? Collections.emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** An unmodifiable map of the pairs {@code key1, value1, key2, value2, ...} in that order. */
    public static Map<String, String> of(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs, got " + keysAndValues.length);
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
