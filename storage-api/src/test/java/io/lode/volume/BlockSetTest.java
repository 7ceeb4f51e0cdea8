package io.lode.volume;

import static io.lode.dataset.Backend.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lode.ErrorCode;
import io.lode.volume.internal.BlockSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The volume algorithms as units: merge, overlap (overflow-safe) and binary-search cover. */
class BlockSetTest {
    static BlockRef b(long offset, long length) {
        return new BlockRef(offset, length, offset + "-" + length, null);
    }

    @Test
    void mergeInterleavesSortedExistingBlocksWithUnsortedNewOnes() {
        assertEquals(List.of(b(0, 1), b(5, 1)), BlockSet.merge(List.of(), List.of(b(5, 1), b(0, 1))));
        assertEquals(List.of(b(0, 1), b(5, 1)), BlockSet.merge(List.of(b(0, 1), b(5, 1)), List.of()));
        assertEquals(List.of(b(0, 1), b(2, 1), b(4, 1), b(6, 1)), BlockSet.merge(List.of(b(2, 1), b(6, 1)), List.of(b(4, 1), b(0, 1))));
        assertEquals(List.of(b(0, 1), b(10, 1), b(20, 1)), BlockSet.merge(List.of(b(10, 1)), List.of(b(20, 1), b(0, 1))));
    }

    @Test
    void overlapDetectionIsOverflowSafe() {
        long top = Long.MAX_VALUE;
        assertNull(BlockSet.firstOverlap(List.of(b(0, 10), b(10, 10))), "adjacent");
        assertNotNull(BlockSet.firstOverlap(List.of(b(0, 10), b(5, 10))));
        assertNotNull(BlockSet.firstOverlap(List.of(b(0, 10), b(2, 3))), "contained");
        assertNotNull(BlockSet.firstOverlap(List.of(b(0, 4), b(0, 10))), "same start");
        assertNotNull(BlockSet.firstOverlap(List.of(b(0, 10), b(3, 10), b(6, 10))), "three-way");
        assertNull(BlockSet.firstOverlap(List.of(b(0, 10), b(top - 10, 10))), "far apart at the top");
        assertNull(BlockSet.firstOverlap(List.of(b(top - 20, 10), b(top - 10, 10))), "adjacent at the top");
        assertNotNull(BlockSet.firstOverlap(List.of(b(top - 20, 15), b(top - 10, 10))), "overlapping at the top");
    }

    @Test
    void coverFindsTheBlocksOfARangeOrReportsTheGap() {
        List<BlockRef> three = List.of(b(0, 10), b(10, 10), b(20, 10));
        assertEquals(List.of(b(10, 10)), BlockSet.cover(three, 10, 10), "exact");
        assertEquals(List.of(b(0, 10), b(10, 10)), BlockSet.cover(three, 5, 10), "span of two");
        assertEquals(three, BlockSet.cover(three, 0, 30), "all three");
        fails(ErrorCode.RANGE_MISSING, () -> BlockSet.cover(List.of(b(0, 10), b(20, 10)), 5, 20));
        fails(ErrorCode.RANGE_MISSING, () -> BlockSet.cover(List.of(), 0, 1));
    }
}
