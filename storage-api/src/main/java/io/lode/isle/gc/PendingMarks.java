package io.lode.isle.gc;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The set of pending marks of one kind, as stored in {@code manifest/gc/pending-sst/pending.json}
 * or {@code manifest/gc/pending-blob/pending.json}. Immutable.
 *
 * @param marks the marks by id
 */
public record PendingMarks(SortedMap<String, PendingMark> marks) {
    public static final PendingMarks EMPTY = new PendingMarks(new TreeMap<>());

    public PendingMarks {
        marks = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(marks));
    }

    /** These marks after {@code changes}. */
    PendingMarks with(MarkChanges changes) {
        TreeMap<String, PendingMark> next = new TreeMap<>(marks);
        changes.applyTo(next);
        return new PendingMarks(next);
    }

    /** These marks without {@code ids}. */
    PendingMarks without(Collection<String> ids) {
        TreeMap<String, PendingMark> next = new TreeMap<>(marks);
        next.keySet().removeAll(ids);
        return new PendingMarks(next);
    }

    /** The marks due at {@code now}, earliest first (then by id), at most {@code limit}. */
    List<PendingMark> due(Instant now, Duration grace, int limit) {
        return marks.values().stream().filter(m -> !m.dueAt(grace).isAfter(now))
                .sorted(Comparator.comparing((PendingMark m) -> m.dueAt(grace)).thenComparing(PendingMark::id))
                .limit(limit).toList();
    }

    boolean contains(String id) {
        return marks.containsKey(id);
    }
}
