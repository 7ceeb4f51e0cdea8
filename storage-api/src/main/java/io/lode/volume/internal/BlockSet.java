package io.lode.volume.internal;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.volume.BlockRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The algorithms on a volume's sorted block list: merging a commit in, finding overlaps, covering a read. */
public final class BlockSet {
    private static final Comparator<BlockRef> BY_OFFSET = Comparator.comparingLong(BlockRef::offset).thenComparingLong(BlockRef::length);

    private BlockSet() {}

    /** Sorts blocks by offset. */
    public static List<BlockRef> sorted(List<BlockRef> blocks) {
        List<BlockRef> s = new ArrayList<>(blocks);
        s.sort(BY_OFFSET);
        return s;
    }

    /** Merges {@code existing} (sorted) with {@code added} (any order) into one sorted list: O(N + K log K). */
    public static List<BlockRef> merge(List<BlockRef> existing, List<BlockRef> added) {
        List<BlockRef> k = sorted(added);
        List<BlockRef> out = new ArrayList<>(existing.size() + k.size());
        int i = 0;
        int j = 0;
        while (i < existing.size() || j < k.size()) {
            if (j == k.size() || (i < existing.size() && BY_OFFSET.compare(existing.get(i), k.get(j)) <= 0)) {
                out.add(existing.get(i++));
            } else {
                out.add(k.get(j++));
            }
        }
        return out;
    }

    /** The first pair of overlapping blocks in a sorted list, or null. Adjacent blocks do not overlap. */
    public static BlockRef[] firstOverlap(List<BlockRef> sorted) {
        for (int i = 1; i < sorted.size(); i++) {
            BlockRef prev = sorted.get(i - 1);
            BlockRef cur = sorted.get(i);
            // prev.offset <= cur.offset; they overlap iff cur starts before prev ends. Written as a
            // difference so that blocks near Long.MAX_VALUE cannot overflow.
            if (cur.offset() - prev.offset() < prev.length()) {
                return new BlockRef[] {prev, cur};
            }
        }
        return null;
    }

    /**
     * The blocks of a sorted, non-overlapping list that together cover {@code [offset, offset+length)}
     * without a gap; {@code RANGE_MISSING} when any byte of it is not covered. O(log B + R).
     */
    public static List<BlockRef> cover(List<BlockRef> sorted, long offset, long length) {
        // first block whose end is past offset
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            BlockRef b = sorted.get(mid);
            if (b.offset() + b.length() <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        long end = offset + length;
        long at = offset;
        List<BlockRef> out = new ArrayList<>();
        for (int i = lo; i < sorted.size() && at < end; i++) {
            BlockRef b = sorted.get(i);
            if (b.offset() > at) {
                break;
            }
            out.add(b);
            at = b.offset() + b.length();
        }
        if (at < end) {
            throw new LodeException(ErrorCode.RANGE_MISSING, "range missing: bytes [" + offset + ", " + end + ") are not fully committed; the first"
                    + " missing byte is at " + at + ". Stage and commit the missing range, or read a committed one");
        }
        return out;
    }
}
