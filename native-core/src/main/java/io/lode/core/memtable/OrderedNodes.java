package io.lode.core.memtable;

import java.util.Arrays;

/**
 * Gathers the places of all of a memtable's entries in key order, with the cache misses of the walk
 * overlapping.
 *
 * <p>Following level 0 from the head is a chain of dependent loads: in a memtable larger than the
 * CPU caches each step waits for a miss (150-210 ns on this project's machines), 25-40 ms for
 * 200,000 entries. Instead, the nodes of a level {@value #LEVEL_STEP} up (one in 16) split each
 * level into short segments, and {@value #LANES} segments are walked at once, one step of each in
 * turn. Steps of different segments do not depend on each other, so the CPU keeps that many misses
 * in flight (measured here: 8 interleaved chains cost 25 ns a load instead of 150-210). The
 * splitting nodes are found the same way from the level above theirs, down from the top, where one
 * walk is short. A lane that finishes its segment takes the next one at once: segment lengths vary
 * geometrically, and lanes waiting for the longest of a group would give most of the gain back.
 */
final class OrderedNodes {
    /** Segments walked at once: about as many misses as a core keeps in flight. */
    static final int LANES = 16;
    /**
     * Levels between a level and the one whose nodes split it into segments: with towers kept one
     * level up with probability 1/2, segments of 2^4 = 16 nodes on average.
     */
    static final int LEVEL_STEP = 4;

    private OrderedNodes() {}

    /**
     * The node offsets of {@code memtable}'s entries, in order. For a memtable no one inserts into;
     * with concurrent inserts it returns every entry inserted before the call and possibly later
     * ones, in order.
     *
     * @param listHeight the memtable's list height
     * @param expected the number of entries expected, to size the result
     */
    static long[] of(Memtable memtable, int listHeight, long expected) {
        // Each level's nodes are found by walking it between the nodes of the level LEVEL_STEP up,
        // from the top, where a single walk is short, down to level 0.
        long[] fences = new long[0];
        for (int level = (listHeight - 1) / LEVEL_STEP * LEVEL_STEP; level >= 0; level -= LEVEL_STEP) {
            fences = walk(memtable, level, fences, expected >> level);
        }
        return fences;
    }

    /**
     * The nodes of {@code level}, in order, found by walking the segments between {@code fences}
     * (nodes of a higher level, in order) {@value #LANES} at a time.
     */
    private static long[] walk(Memtable memtable, int level, long[] fences, long expected) {
        int segments = fences.length + 1;
        int[] segmentLane = new int[segments];
        int[] segmentStart = new int[segments];
        int[] segmentEnd = new int[segments];
        long[][] lanes = new long[LANES][];
        int[] size = new int[LANES];
        long[] at = new long[LANES];
        long[] stop = new long[LANES];
        int[] walking = new int[LANES];
        int nextSegment = 0;
        int running = 0;
        for (int lane = 0; lane < LANES; lane++) {
            lanes[lane] = new long[(int) Math.min(1 << 20, expected / LANES + 16)];
            walking[lane] = -1;
            if (nextSegment < segments) {
                int s = nextSegment++;
                walking[lane] = s;
                at[lane] = s == 0 ? NodeLayout.HEAD : fences[s - 1];
                stop[lane] = s == fences.length ? 0 : fences[s];
                segmentLane[s] = lane;
                running++;
            }
        }
        // The loop is kept short on purpose: the CPU overlaps the lanes' misses only as far as
        // their instructions fit its reorder window.
        while (running > 0) {
            for (int lane = 0; lane < LANES; lane++) {
                long from = at[lane];
                if (from != stop[lane]) {
                    long next = memtable.next(from, level);
                    at[lane] = next;
                    long[] out = lanes[lane];
                    int n = size[lane];
                    if (n == out.length) {
                        lanes[lane] = out = Arrays.copyOf(out, n * 2);
                    }
                    out[n] = next;
                    size[lane] = n + 1;
                    continue;
                }
                int s = walking[lane];
                if (s < 0) {
                    continue;
                }
                segmentEnd[s] = size[lane];
                if (nextSegment < segments) {
                    s = nextSegment++;
                    walking[lane] = s;
                    at[lane] = fences[s - 1];
                    stop[lane] = s == fences.length ? 0 : fences[s];
                    segmentLane[s] = lane;
                    segmentStart[s] = size[lane];
                } else {
                    walking[lane] = -1;
                    stop[lane] = -1; // never equal to a node: the lane is done
                    at[lane] = -1;
                    running--;
                }
            }
        }
        segmentEnd[segments - 1]--; // the "no node" the last segment ended on
        long total = 0;
        for (int s = 0; s < segments; s++) {
            total += segmentEnd[s] - segmentStart[s];
        }
        long[] nodes = new long[Math.toIntExact(total)];
        int filled = 0;
        for (int s = 0; s < segments; s++) {
            int n = segmentEnd[s] - segmentStart[s];
            System.arraycopy(lanes[segmentLane[s]], segmentStart[s], nodes, filled, n);
            filled += n;
        }
        return nodes;
    }
}
