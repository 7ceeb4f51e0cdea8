package io.lode.snapshot;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Snapshot ids as Lode makes them, the Unix-epoch nanosecond count in decimal, with two fixes: ids
 * issued by this process strictly increase even when the clock stalls or steps back, and a new id
 * is always greater than its parent's, so "the greatest id is the newest" holds along a history even
 * when writers' clocks disagree.
 */
public final class SnapshotIds {
    private static final AtomicLong LAST = new AtomicLong();

    private SnapshotIds() {}

    /** A new id greater than {@code parentId} (null for none) and than any id issued before. */
    public static long next(String parentId) {
        Instant now = Instant.now();
        long clock = Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L) + now.getNano();
        long floor = parentId == null ? 0 : parseOrZero(parentId) + 1;
        return LAST.updateAndGet(last -> Math.max(Math.max(clock, last + 1), floor));
    }

    /** The instant an id names. */
    public static Instant instant(long id) {
        return Instant.ofEpochSecond(Math.floorDiv(id, 1_000_000_000L), Math.floorMod(id, 1_000_000_000L));
    }

    private static long parseOrZero(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return 0; // ids written by others need not be numbers; then only the clock orders them
        }
    }

    /**
     * Orders ids as Lode's scan does (the lexicographically greatest is the newest), but compares
     * length first so that numeric ids of different widths still order numerically.
     */
    public static int compare(String a, String b) {
        int byLength = Integer.compare(a.length(), b.length());
        return byLength != 0 ? byLength : a.compareTo(b);
    }
}
