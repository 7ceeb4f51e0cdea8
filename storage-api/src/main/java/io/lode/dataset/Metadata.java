package io.lode.dataset;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.internal.json.JsonValues;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The caller's description of a snapshot: a JSON object persisted in the manifest as
 * {@code metadata}. Always explicit; an empty one is valid and stored as {@code {}}. Values must be
 * JSON values: strings, numbers, booleans, null, lists and string-keyed maps of them, plus
 * {@link java.time.Instant} (stored as an RFC 3339 string) and {@code byte[]} (base64).
 *
 * <p>Read back from a manifest, integers are {@code Long} (or {@code BigInteger}), other numbers
 * {@code Double}, objects maps and arrays lists.
 */
public final class Metadata {
    private static final Metadata EMPTY = new Metadata(new TreeMap<>());

    private final Map<String, Object> values;

    private Metadata(TreeMap<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** No metadata: {@code {}}. */
    public static Metadata empty() {
        return EMPTY;
    }

    /** The given entries; {@code null} is {@link #empty()}. Fails with {@code INVALID_ARGUMENT} on a value that is not JSON. */
    public static Metadata of(Map<String, ?> values) {
        if (values == null) {
            return EMPTY;
        }
        TreeMap<String, Object> copy = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k == null) {
                throw new LodeException(ErrorCode.INVALID_ARGUMENT, "metadata keys must not be null");
            }
            JsonValues.check(v, "metadata '" + k + "'");
            copy.put(k, v);
        });
        return new Metadata(copy);
    }

    /** One entry. */
    public static Metadata of(String key, Object value) {
        return of(Collections.singletonMap(key, value));
    }

    /** Two entries. */
    public static Metadata of(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return of(m);
    }

    /** The entries, sorted by key (the order in which they are written). */
    public Map<String, Object> asMap() {
        return values;
    }

    /** The value of {@code key}, or null. */
    public Object get(String key) {
        return values.get(key);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Metadata m && values.equals(m.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Metadata" + values;
    }
}
