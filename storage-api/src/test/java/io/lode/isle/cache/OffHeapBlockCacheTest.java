package io.lode.isle.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.internal.StripedPins;
import io.lode.sst.block.Block;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The reader's block cache: native copies, within the byte budget, hot blocks kept, safe to share. */
class OffHeapBlockCacheTest {
    private static final long SLAB = 64 << 10;

    /** A block of {@code size} bytes: filled with {@code fill}, ending with an empty restart array. */
    private static MemorySegment contents(int size, int fill) {
        byte[] b = new byte[size];
        java.util.Arrays.fill(b, 0, size - 4, (byte) fill);
        b[size - 4] = b[size - 3] = b[size - 2] = b[size - 1] = 0; // restart count 0
        return MemorySegment.ofArray(b);
    }

    private static Block put(OffHeapBlockCache cache, long table, long offset, int size, int fill) {
        return cache.put(table, offset, contents(size, fill), copy -> new Block(copy, "t" + table, offset));
    }

    @Test
    void aCachedBlockIsANativeCopyReturnedByLaterGets() {
        OffHeapBlockCache cache = new OffHeapBlockCache(1 << 20);
        MemorySegment source = contents(4096, 7);
        Block cached = cache.put(1, 0, source, copy -> new Block(copy, "t", 0));
        assertTrue(cached.contents().isNative(), "copied out of the heap");
        source.fill((byte) 0); // the caller may reuse what it handed over
        assertSame(cached, cache.get(1, 0));
        assertEquals(7, cache.get(1, 0).contents().get(ValueLayout.JAVA_BYTE, 100));
        assertNull(cache.get(1, 4096));
        assertNull(cache.get(2, 0), "blocks are keyed by table too");
        assertEquals(4096, cache.sizeBytes());
    }

    @Test
    void theOldestSlabGoesWhenTheBudgetIsFullAndItsBlocksStayReadableByWhoeverHoldsThem() {
        OffHeapBlockCache cache = new OffHeapBlockCache(4 * SLAB); // four slabs of 64 KiB
        Block first = put(cache, 1, 0, 16 << 10, 9);
        for (int i = 1; i < 16; i++) {
            put(cache, 1, i * 16L << 10, 16 << 10, 1); // fills the four slabs
        }
        assertEquals(4 * SLAB, cache.sizeBytes());
        put(cache, 2, 0, 16 << 10, 2); // needs a fifth slab: the first is dropped
        assertTrue(cache.sizeBytes() <= cache.capacityBytes(), cache.sizeBytes() + " bytes");
        int kept = 0;
        for (int i = 0; i < 16; i++) {
            kept += cache.get(1, i * 16L << 10) == null ? 0 : 1;
        }
        assertTrue(kept < 16, "a slab's blocks went with it");
        assertEquals(9, first.contents().get(ValueLayout.JAVA_BYTE, 1000), "a held block stays readable after it is dropped");
    }

    @Test
    void blocksThatKeepBeingReadOutliveBlocksReadOnce() {
        OffHeapBlockCache cache = new OffHeapBlockCache(8 * SLAB);
        put(cache, 1, 0, 4096, 5);
        for (long i = 1; i < 2000; i++) {
            put(cache, 2, i * 4096, 4096, 1); // a scan through more than the whole budget
            assertNotNull(cache.get(1, 0), "the hot block, read after every miss, is still cached at miss " + i);
        }
        assertTrue(cache.sizeBytes() <= cache.capacityBytes());
        assertEquals(5, cache.get(1, 0).contents().get(ValueLayout.JAVA_BYTE, 0));
    }

    /**
     * A cache for pinned reads reuses the memory of dropped slabs, never under a read that pinned
     * it: threads that get and put blocks whose bytes name their key, each checking every byte of
     * what it read while still pinned, through many times the budget.
     */
    @Test
    void aCacheForPinnedReadsReusesDroppedSlabsButNeverUnderAPinnedRead() throws Exception {
        OffHeapBlockCache cache = OffHeapBlockCache.forPinnedReads(8 * SLAB);
        int threads = 4;
        AtomicInteger wrong = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 50_000; i++) {
                    long offset = random.nextInt(512) * 4096L; // 2 MiB of blocks over a 512 KiB budget
                    int fill = (int) (offset / 4096) & 0x7F;
                    int stripe = StripedPins.stripe();
                    ReadEpochs.Epoch epoch = cache.pin(stripe);
                    try {
                        Block b = cache.get(1, offset);
                        if (b == null) {
                            b = put(cache, 1, offset, 4096, fill);
                        }
                        MemorySegment c = b.contents();
                        for (long at = 0; at < 4092; at += 97) {
                            if (c.get(ValueLayout.JAVA_BYTE, at) != fill) {
                                wrong.incrementAndGet();
                            }
                        }
                    } finally {
                        epoch.unpin(stripe);
                    }
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        assertEquals(0, wrong.get(), "no read saw a block change under it");
        assertTrue(cache.reusedSlabs() > 0, "dropped slabs' memory was reused");
        assertTrue(cache.sizeBytes() <= cache.capacityBytes());
        assertTrue(cache.heldForReuseBytes() <= cache.capacityBytes(), cache.heldForReuseBytes() + " bytes held for reuse");
    }

    @Test
    void blocksLargerThanASlabAndCachesOfNoBytesKeepNothing() {
        OffHeapBlockCache small = new OffHeapBlockCache(10_000);
        Block big = put(small, 1, 0, 20_000, 3);
        assertEquals(3, big.contents().get(ValueLayout.JAVA_BYTE, 0), "the caller still gets its block");
        assertNull(small.get(1, 0));
        put(small, 1, 1, 6000, 3);
        put(small, 1, 2, 6000, 3); // does not fit beside the first: the only slab is replaced
        assertNull(small.get(1, 1));
        assertNotNull(small.get(1, 2));
        OffHeapBlockCache none = new OffHeapBlockCache(0);
        put(none, 1, 0, 100, 1);
        assertNull(none.get(1, 0));
        assertEquals(0, none.sizeBytes());
    }

    @Test
    void threadsSharingTheCacheAlwaysReadTheBlockTheyAskedFor() throws Exception {
        OffHeapBlockCache cache = new OffHeapBlockCache(16 * SLAB);
        int blocks = 2000; // about 8 MiB of blocks through a 1 MiB cache
        AtomicInteger wrong = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 20_000; i++) {
                    int b = random.nextInt(blocks);
                    Block block = cache.get(1, b);
                    if (block == null) {
                        block = put(cache, 1, b, 4096, b & 0x7F);
                    }
                    byte[] expected = new byte[4092];
                    java.util.Arrays.fill(expected, (byte) (b & 0x7F));
                    if (!java.util.Arrays.equals(expected, block.contents().asSlice(0, 4092).toArray(ValueLayout.JAVA_BYTE))) {
                        wrong.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(0, wrong.get());
        assertTrue(cache.sizeBytes() <= cache.capacityBytes());
    }

    @Test
    void aMovedBlockKeepsItsDecodedRestartPoints() {
        byte[] raw = new byte[8];
        Block original = new Block(MemorySegment.ofArray(raw), "t", 0);
        MemorySegment copy = MemorySegment.ofArray(raw.clone());
        Block moved = original.relocated(copy);
        assertSame(copy, moved.contents());
        assertEquals(original.restartCount(), moved.restartCount());
        assertArrayEquals(raw, moved.contents().toArray(ValueLayout.JAVA_BYTE));
    }

    @Test
    void theNextSlabIsPreparedAheadSoThatAMissOnlyCopies() throws Exception {
        OffHeapBlockCache cache = new OffHeapBlockCache(4 * SLAB);
        assertEquals(false, cache.hasSpareSlab(), "nothing is prepared before the first block");
        put(cache, 1, 0, 16 << 10, 1);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!cache.hasSpareSlab() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertTrue(cache.hasSpareSlab(), "the slab after the first was prepared in the background");
        for (int i = 1; i < 5; i++) {
            put(cache, 1, i * 16L << 10, 16 << 10, 1); // fills the first slab, then starts the second: the spare
        }
        assertEquals(5 * (16L << 10), cache.sizeBytes(), "the spare is not counted as cached bytes");
        assertTrue(cache.sizeBytes() <= cache.capacityBytes());
    }
}
