package io.lode.isle.cache;

import io.lode.internal.Require;
import io.lode.sst.BlockCache;
import io.lode.sst.block.Block;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The reader's {@link BlockCache}: decompressed, verified data blocks with their restart points
 * decoded, in native memory, so that a large cache adds nothing to the heap the garbage collector
 * copies and scans, and a hot block is decompressed once.
 *
 * <p>Blocks are copied one after another into slabs of native memory ({@link BlockSlab}), about
 * 1/64 of the budget each; when the budget is full the oldest slab is dropped whole. A hit on a
 * block in the oldest quarter of the slabs copies it into the newest slab, so blocks that keep being
 * read stay while blocks read once age out: an approximation of least-recently-used that costs a
 * lookup in a concurrent map and no lock on a hit, and one short lock and a copy on a miss. (A
 * map of blocks each in its own automatic arena, as before, cost 3 µs per miss to allocate and
 * register, and one lock on every hit.)
 *
 * <p>Memory: at most {@code capacityBytes} in live slabs, plus one slab prepared ahead of need by
 * a background thread, plus dropped slabs that a read still holds a block of (a point read for
 * microseconds, an open cursor until it moves on) or that the garbage collector has not yet freed.
 * Slabs come from automatic arenas, whose memory counts against {@code -XX:MaxDirectMemorySize}
 * and makes the JVM collect garbage before it runs out. (Slabs mapped on huge pages, which the
 * JDK does not count, grew the test suite's JVM to 24 GB of dropped slabs that no collection had
 * freed yet: tried and reverted.) A cache {@link #forPinnedReads} holds back the memory of dropped slabs, up to
 * {@code capacityBytes} more, and reuses it once no pinned read can hold it ({@link ReadEpochs}).
 * A block larger than a slab is not kept. Thread-safe.
 */
public final class OffHeapBlockCache implements BlockCache {
    private static final System.Logger LOG = System.getLogger(OffHeapBlockCache.class.getName());
    private static final int SLABS = 64;
    private static final long MIN_SLAB_BYTES = 64 << 10;
    /**
     * A hit moves a block only from the oldest quarter of the slabs: from the older half, YCSB C
     * (zipfian keys over a data set twice the cache) moved so many blocks that allocating new
     * slabs took an eighth of the time.
     */
    private static final int PROMOTE_FRACTION = 4;

    private record Key(long tableId, long blockOffset) {}

    private record Entry(Block block, BlockSlab slab) {}

    private final long capacityBytes;
    private final long slabBytes;
    private final int maxSlabs;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    /** Live slabs, oldest first; the last is the one being filled. Guarded by {@code this}. */
    private final ArrayDeque<BlockSlab> slabs = new ArrayDeque<>();
    /** A hit on a block of a slab older than this generation moves the block to the newest slab. */
    private volatile long promoteBelow = Long.MIN_VALUE;
    private long generations;
    /** Slabs made of a dropped slab's memory; for tests. */
    private final AtomicLong reusedSlabs = new AtomicLong();
    /** The reads of a {@link #forPinnedReads} cache, which say when a dropped slab's memory is free; else null. */
    private final ReadEpochs epochs;
    /** A slab prepared ahead of need by a background thread, or null; guarded by {@code this}. */
    private BlockSlab spare;
    /** Whether a background thread is preparing {@link #spare}; guarded by {@code this}. */
    private boolean preparing;

    /** A cache holding at most {@code capacityBytes} of native memory in slabs. */
    public OffHeapBlockCache(long capacityBytes) {
        this(capacityBytes, false);
    }

    private OffHeapBlockCache(long capacityBytes, boolean pinnedReads) {
        Require.argument(capacityBytes >= 0, "the block cache size must not be negative, got " + capacityBytes);
        this.capacityBytes = capacityBytes;
        this.slabBytes = Math.min(capacityBytes, Math.max(MIN_SLAB_BYTES, capacityBytes / SLABS));
        this.maxSlabs = slabBytes == 0 ? 0 : (int) (capacityBytes / slabBytes);
        this.epochs = pinnedReads ? new ReadEpochs(capacityBytes) : null;
    }

    /**
     * A cache whose readers {@link #pin} it for every read that may touch its blocks (a get, the
     * life of a cursor, the opening of a table), so that the memory of a dropped slab is reused
     * once no pinned read can hold it ({@link ReadEpochs}), instead of new memory for every slab.
     * A read that does not pin may see a block change under it: only a reader that owns the cache
     * and pins on every path may use one.
     */
    public static OffHeapBlockCache forPinnedReads(long capacityBytes) {
        return new OffHeapBlockCache(capacityBytes, true);
    }

    /**
     * Pins the current epoch on {@code stripe} ({@link io.lode.internal.StripedPins#stripe()}) for one read of a
     * {@link #forPinnedReads} cache; unpin what it returns when the read ends.
     *
     * @throws IllegalStateException if this cache is not for pinned reads
     */
    public ReadEpochs.Epoch pin(int stripe) {
        if (epochs == null) {
            throw new IllegalStateException("this block cache does not reuse slab memory: reads need not pin it");
        }
        return epochs.pin(stripe);
    }

    @Override
    public Block get(long tableId, long blockOffset) {
        Key key = new Key(tableId, blockOffset);
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (e.slab.generation < promoteBelow) {
            Entry moved = place(key, e.block.contents(), e.block::relocated);
            if (moved != null && entries.replace(key, e, moved)) {
                forgetIfDropped(key, moved);
                return moved.block;
            }
        }
        return e.block;
    }

    @Override
    public boolean copies(long bytes) {
        return maxSlabs > 0 && bytes <= slabBytes;
    }

    @Override
    public Block put(long tableId, long blockOffset, MemorySegment contents, Function<MemorySegment, Block> build) {
        Key key = new Key(tableId, blockOffset);
        Entry placed = place(key, contents, build);
        if (placed == null) {
            return build.apply(contents);
        }
        Entry raced = entries.putIfAbsent(key, placed);
        if (raced != null) {
            return raced.block; // another reader cached it first; our copy ages out with its slab
        }
        forgetIfDropped(key, placed);
        return placed.block;
    }

    /**
     * After {@code placed} went into the map: if its slab was dropped while the block was copied in,
     * the drop missed it, so it is removed here; reads that found it meanwhile hold the slab, whose
     * reuse now waits for them too.
     */
    private void forgetIfDropped(Key key, Entry placed) {
        if (placed.slab.dropped) {
            entries.remove(key, placed);
            if (epochs != null) {
                epochs.quarantine(placed.slab);
            }
        }
    }

    /**
     * Copies {@code contents} into the newest slab, dropping the oldest if the budget is full, and
     * builds the block over the copy; null when the block does not fit in a slab.
     */
    private Entry place(Key key, MemorySegment contents, Function<MemorySegment, Block> build) {
        long size = contents.byteSize();
        if (!copies(size)) {
            return null;
        }
        BlockSlab slab;
        MemorySegment copy;
        synchronized (this) {
            slab = slabs.peekLast();
            copy = slab == null ? null : slab.take(size);
            if (copy == null) {
                if (slabs.size() == maxSlabs) {
                    drop(slabs.removeFirst());
                }
                slab = nextSlab();
                slab.generation = generations++;
                slabs.addLast(slab);
                // Only a full cache drops slabs, so only then is a block in danger of aging out.
                promoteBelow = slabs.size() < maxSlabs ? Long.MIN_VALUE : slabs.peekFirst().generation + maxSlabs / PROMOTE_FRACTION;
                copy = slab.take(size);
            }
            slab.keys.add(key);
        }
        MemorySegment.copy(contents, 0, copy, 0, size);
        return new Entry(build.apply(copy), slab);
    }

    /**
     * Under the lock: the slab prepared ahead, or a new one if it is not ready, and the preparation
     * of the next. New memory is slow to touch for the first time: the JVM zeroing each new slab
     * (page fault by page fault) took 12 % of a read-only YCSB run, on the read path. Reused, or
     * prepared on another thread, it leaves a miss only its copy.
     */
    private BlockSlab nextSlab() {
        BlockSlab next = spare;
        spare = null;
        if (next == null) {
            next = newSlab();
        }
        if (!preparing) {
            preparing = true;
            Thread.ofVirtual().name("lode-block-slab").start(this::prepareSpare);
        }
        return next;
    }

    /**
     * A slab over the memory of a dropped one that no read can hold any more, or else over new,
     * zeroed memory.
     */
    private BlockSlab newSlab() {
        MemorySegment reused = epochs == null ? null : epochs.reusable();
        if (reused == null) {
            return new BlockSlab(Arena.ofAuto().allocate(slabBytes, Long.BYTES));
        }
        reusedSlabs.incrementAndGet();
        return new BlockSlab(reused);
    }

    private void prepareSpare() {
        BlockSlab prepared = null;
        try {
            prepared = newSlab();
        } catch (OutOfMemoryError e) {
            // Native memory is short: the next miss that needs a slab allocates it, and fails there if it must.
            LOG.log(System.Logger.Level.WARNING, "could not prepare a block cache slab of " + slabBytes + " bytes ahead", e);
        } finally {
            synchronized (this) {
                spare = prepared;
                preparing = false;
            }
        }
    }

    /**
     * Under the lock: forgets the blocks that live in {@code slab}; its memory is reused once no
     * pinned read can hold it, or freed once no read holds it.
     */
    private void drop(BlockSlab slab) {
        slab.dropped = true;
        for (Object key : slab.keys) {
            entries.computeIfPresent((Key) key, (k, e) -> e.slab == slab ? null : e);
        }
        slab.keys.clear();
        if (epochs != null) {
            epochs.quarantine(slab);
        }
    }

    /** Slabs made of a dropped slab's memory; for tests. */
    long reusedSlabs() {
        return reusedSlabs.get();
    }

    /** Bytes of dropped slabs held back for reuse; for tests. */
    long heldForReuseBytes() {
        return epochs == null ? 0 : epochs.heldBytes();
    }

    /** Bytes of native memory in live slabs taken by blocks (at most the capacity). */
    public synchronized long sizeBytes() {
        long used = 0;
        for (BlockSlab s : slabs) {
            used += s.used();
        }
        return used;
    }

    /** Whether a slab prepared ahead of need is waiting; for tests. */
    synchronized boolean hasSpareSlab() {
        return spare != null;
    }

    /** The budget this cache was made with. */
    public long capacityBytes() {
        return capacityBytes;
    }
}
