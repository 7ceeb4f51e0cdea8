package io.lode.isle.cache;

import io.lode.internal.StripedPins;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * When the memory of a dropped slab can hold new blocks: epoch-based reclamation. Every read that
 * may touch a cached block pins the current epoch while it runs ({@link #pin}); a dropped slab is
 * quarantined in the epoch current at the drop; and when the cache needs memory for a slab, it
 * retires the current epoch and takes the memory of the slabs of every retired epoch that no read
 * pins any more, and of none before it. A read pinned on an epoch can hold blocks only of slabs
 * dropped in that epoch or later, since a slab's blocks leave the cache's map when it is dropped.
 *
 * <p>Why: new memory is expensive to touch the first time (the kernel zeroes every page on its
 * first fault), and left to the garbage collector a dropped slab goes only when an old-generation
 * collection finds it, which under a steady miss rate is long after the next slab is needed: in
 * YCSB B, new slab memory took a fifth of the client threads' time and a background thread
 * another fifth of the machine (docs/BENCHMARKS.md).
 *
 * <p>Pins are counted on {@link StripedPins}, like a reader's view pins.
 * A read that pins after its epoch was retired sees the flag and pins the next one instead, so the
 * check of every stripe after the retirement sees every read that may still touch the epoch's
 * slabs. A read that stays pinned (an open cursor) holds back the reuse of every slab dropped from
 * its epoch on; the quarantine then fills up to its bound, and later dropped slabs are left to the
 * garbage collector, which frees them once nothing holds them, as without reuse.
 */
public final class ReadEpochs {
    /** {@link BlockSlab#quarantinedIn} of a slab whose memory was handed out for reuse. */
    static final long REUSED = Long.MAX_VALUE;

    /** An epoch of reads; see {@link ReadEpochs}. */
    public static final class Epoch {
        final long seq;
        private final StripedPins pins = new StripedPins();
        private volatile boolean retired;
        /** The slabs dropped while this epoch was current; guarded by the epochs. */
        private final List<BlockSlab> quarantined = new ArrayList<>();

        private Epoch(long seq) {
            this.seq = seq;
        }

        /** Ends a read that {@link ReadEpochs#pin pinned} this epoch on {@code stripe}. */
        public void unpin(int stripe) {
            pins.unpin(stripe);
        }
    }

    private final long maxHeldBytes;
    private volatile Epoch current = new Epoch(0);
    /** Retired epochs whose slabs are not yet reusable, oldest first; guarded by {@code this}. */
    private final ArrayDeque<Epoch> retired = new ArrayDeque<>();
    /** Memory of slabs no read can hold; guarded by {@code this}. */
    private final ArrayDeque<MemorySegment> reusable = new ArrayDeque<>();
    /** Bytes of the slabs quarantined or reusable: at most {@link #maxHeldBytes}; guarded by {@code this}. */
    private long heldBytes;

    /** @param maxHeldBytes the most slab memory held back for reuse; past it, dropped slabs go to the garbage collector */
    ReadEpochs(long maxHeldBytes) {
        this.maxHeldBytes = maxHeldBytes;
    }

    /**
     * Pins the current epoch on {@code stripe} ({@link StripedPins#stripe()}) for one read; unpin
     * the epoch returned when the read ends.
     */
    Epoch pin(int stripe) {
        while (true) {
            Epoch e = current;
            e.pins.pin(stripe);
            if (!e.retired) {
                return e;
            }
            e.pins.unpin(stripe);
            Thread.onSpinWait(); // retired meanwhile: the next epoch is current already
        }
    }

    /**
     * Holds a dropped slab (or one found in the map after its drop, again) until no read that may
     * hold its blocks runs; false if the quarantine is full and the slab is left to the garbage
     * collector.
     */
    synchronized boolean quarantine(BlockSlab slab) {
        // Every read that could find a dropped slab's blocks pinned before its memory was reused.
        assert slab.quarantinedIn != REUSED : "a slab whose memory was reused is quarantined again";
        if (slab.quarantinedIn < 0) {
            if (heldBytes + slab.bytes() > maxHeldBytes) {
                return false;
            }
            heldBytes += slab.bytes();
        }
        Epoch e = current;
        if (slab.quarantinedIn != e.seq) { // once per epoch: listed twice, its memory would be handed out twice
            slab.quarantinedIn = e.seq; // the latest epoch it waits for: an earlier one holding it lets it be
            e.quarantined.add(slab);
        }
        return true;
    }

    /** The memory of a slab that no read can hold any more, or null. */
    synchronized MemorySegment reusable() {
        Epoch c = current;
        if (!c.quarantined.isEmpty()) {
            current = new Epoch(c.seq + 1); // reads from now on pin the next epoch
            c.retired = true;
            retired.addLast(c);
        }
        while (!retired.isEmpty() && retired.peekFirst().pins.none()) {
            Epoch e = retired.removeFirst();
            for (BlockSlab s : e.quarantined) {
                if (s.quarantinedIn == e.seq) {
                    s.quarantinedIn = REUSED;
                    reusable.addLast(s.memory());
                }
            }
        }
        MemorySegment memory = reusable.pollFirst();
        if (memory != null) {
            heldBytes -= memory.byteSize();
        }
        return memory;
    }

    /** Bytes quarantined or reusable; for tests. */
    synchronized long heldBytes() {
        return heldBytes;
    }
}
