package io.lode.parquet.internal;

import io.lode.dataset.ColumnStats;
import io.lode.dataset.ParquetField;
import java.time.Instant;

/**
 * Null count, min and max of one column, from the values written. Bool and bytes columns get no
 * min or max (they are not ordered); NaN is skipped, as Parquet's own statistics skip it; an
 * infinite float drops min and max for the column, since the manifest's JSON cannot hold it.
 */
final class ColumnStatsBuilder {
    private final ParquetField field;
    private final boolean ordered;
    private long nulls;
    private Object min;
    private Object max;
    private boolean unrepresentable;

    ColumnStatsBuilder(ParquetField field) {
        this.field = field;
        this.ordered = switch (field.type()) {
            case BOOL, BYTES -> false;
            default -> true;
        };
    }

    /** Adds one stored value ({@link FieldValues#coerce}), or null. */
    void add(Object v) {
        if (v == null) {
            nulls++;
            return;
        }
        if (!ordered || unrepresentable) {
            return;
        }
        if (v instanceof Float f && !Float.isFinite(f) || v instanceof Double d && !Double.isFinite(d)) {
            if (v instanceof Float f ? f.isNaN() : ((Double) v).isNaN()) {
                return;
            }
            unrepresentable = true;
            min = null;
            max = null;
            return;
        }
        if (min == null || compare(v, min) < 0) {
            min = v;
        }
        if (max == null || compare(v, max) > 0) {
            max = v;
        }
    }

    ColumnStats build() {
        return new ColumnStats(field.name(), min, max, nulls, 0);
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object a, Object b) {
        return switch (a) {
            // Code point order is UTF-8 byte order: the order Go and Parquet use for strings.
            case String s -> compareCodePoints(s, (String) b);
            case Instant i -> i.compareTo((Instant) b);
            default -> ((Comparable<Object>) a).compareTo(b);
        };
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
