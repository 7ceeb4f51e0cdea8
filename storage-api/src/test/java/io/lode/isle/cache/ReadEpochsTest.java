package io.lode.isle.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.internal.StripedPins;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** When a dropped slab's memory may hold new blocks: only once no read pinned before its drop runs. */
class ReadEpochsTest {
    private static final long SLAB = 64 << 10;

    private static BlockSlab slab() {
        return new BlockSlab(Arena.ofAuto().allocate(SLAB, Long.BYTES));
    }

    @Test
    void aDroppedSlabIsReusedOnlyAfterTheReadsPinnedBeforeItsDropEnd() {
        ReadEpochs epochs = new ReadEpochs(4 * SLAB);
        int stripe = StripedPins.stripe();
        ReadEpochs.Epoch before = epochs.pin(stripe);
        BlockSlab dropped = slab();
        assertTrue(epochs.quarantine(dropped));
        assertNull(epochs.reusable(), "a read that started before the drop may hold its blocks");
        ReadEpochs.Epoch after = epochs.pin(stripe); // a read that starts now finds none of its blocks
        assertNull(epochs.reusable());
        before.unpin(stripe);
        assertSame(dropped.memory(), epochs.reusable(), "reads that started after the drop do not hold it back");
        after.unpin(stripe);
        assertNull(epochs.reusable(), "each slab's memory is handed out once");
        assertEquals(0, epochs.heldBytes());
    }

    @Test
    void aSlabFoundAfterItsDropWaitsForTheReadsThatFoundIt() {
        ReadEpochs epochs = new ReadEpochs(4 * SLAB);
        int stripe = StripedPins.stripe();
        BlockSlab dropped = slab();
        ReadEpochs.Epoch putter = epochs.pin(stripe); // copying a block into the slab as it is dropped
        epochs.quarantine(dropped);
        assertNull(epochs.reusable()); // retires the epoch of the drop, which the putter pins
        ReadEpochs.Epoch finder = epochs.pin(stripe); // a read that finds the putter's block in the map
        assertTrue(epochs.quarantine(dropped), "the putter removes its block and quarantines the slab again");
        putter.unpin(stripe);
        assertNull(epochs.reusable(), "the earlier quarantine no longer lets it go: the finder holds it");
        finder.unpin(stripe);
        assertSame(dropped.memory(), epochs.reusable());
        assertNull(epochs.reusable());
    }

    @Test
    void aSlabQuarantinedTwiceInOneEpochIsHandedOutOnce() {
        ReadEpochs epochs = new ReadEpochs(4 * SLAB);
        BlockSlab dropped = slab();
        assertTrue(epochs.quarantine(dropped)); // dropped
        assertTrue(epochs.quarantine(dropped)); // and found in the map after its drop, in the same epoch
        assertSame(dropped.memory(), epochs.reusable());
        assertNull(epochs.reusable(), "two slabs over one memory would overwrite each other's blocks");
        assertEquals(0, epochs.heldBytes());
    }

    @Test
    void theQuarantineIsBoundedAndAPinnedCursorHoldsBackOnlyWhatItCould() {
        ReadEpochs epochs = new ReadEpochs(2 * SLAB);
        int stripe = StripedPins.stripe();
        ReadEpochs.Epoch cursor = epochs.pin(stripe); // stays open
        assertTrue(epochs.quarantine(slab()));
        assertTrue(epochs.quarantine(slab()));
        assertFalse(epochs.quarantine(slab()), "full: this one is left to the garbage collector");
        assertEquals(2 * SLAB, epochs.heldBytes());
        assertNull(epochs.reusable());
        cursor.unpin(stripe);
        MemorySegment first = epochs.reusable();
        MemorySegment second = epochs.reusable();
        assertTrue(first != null && second != null && first != second);
        assertNull(epochs.reusable());
    }
}
