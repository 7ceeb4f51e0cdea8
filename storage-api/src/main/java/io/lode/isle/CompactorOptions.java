package io.lode.isle;

import io.lode.internal.Require;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link Compactor}: start from {@link #defaults()} and change what you need with the
 * {@code with} methods, each of which returns a new value. A later version may add options, with
 * defaults, without breaking code written against this one.
 */
public final class CompactorOptions {
    private static final CompactorOptions DEFAULTS = new CompactorOptions(8, 64L << 20, 16 << 10, Duration.ofSeconds(10),
            CompactionListener.NONE, GcOptions.defaults(), 64L << 20, 32L << 20);

    private final int l0Threshold;
    private final long targetSstBytes;
    private final int blockBytes;
    private final Duration interval;
    private final CompactionListener listener;
    private final GcOptions gc;
    private final long memoryInputBytes;
    private final long maxBytesPerSecond;

    private CompactorOptions(int l0Threshold, long targetSstBytes, int blockBytes, Duration interval, CompactionListener listener,
            GcOptions gc, long memoryInputBytes, long maxBytesPerSecond) {
        Require.argument(l0Threshold >= 2, "l0Threshold must be at least 2, not " + l0Threshold);
        Require.argument(targetSstBytes >= 64 << 10, "targetSstBytes must be at least 64 KiB, not " + targetSstBytes);
        Require.argument(blockBytes >= 1 << 10 && blockBytes <= 4 << 20, "blockBytes must be from 1 KiB to 4 MiB");
        Require.nonNull(interval, "interval");
        Require.argument(!interval.isNegative(), "interval must not be negative");
        Require.nonNull(listener, "listener");
        Require.nonNull(gc, "gc");
        Require.argument(memoryInputBytes >= 0, "memoryInputBytes must not be negative (0 always streams inputs to disk), not "
                + memoryInputBytes);
        this.l0Threshold = l0Threshold;
        this.targetSstBytes = targetSstBytes;
        this.blockBytes = blockBytes;
        this.interval = interval;
        this.listener = listener;
        this.gc = gc;
        Require.argument(maxBytesPerSecond >= 0, "maxBytesPerSecond must not be negative (0: unpaced), not " + maxBytesPerSecond);
        this.memoryInputBytes = memoryInputBytes;
        this.maxBytesPerSecond = maxBytesPerSecond;
    }

    /**
     * Merge at 8 level-0 tables into 64 MiB outputs of 16 KiB blocks, a pass every 10 s, at most
     * 32 MiB/s, default collection.
     */
    public static CompactorOptions defaults() {
        return DEFAULTS;
    }

    /** Level 0 is merged into a new sorted run once it holds this many tables (default 8, at least 2). */
    public int l0Threshold() {
        return l0Threshold;
    }

    /**
     * A compaction output is cut once it reaches this size (default 64 MiB); a key's entry is never
     * split across tables, so an output may exceed it by one entry.
     */
    public long targetSstBytes() {
        return targetSstBytes;
    }

    /** The SST data block size of outputs (default 16 KiB). */
    public int blockBytes() {
        return blockBytes;
    }

    /**
     * How often {@link Compactor#start()} runs a compaction pass (default 10 s); {@link Duration#ZERO}
     * for no background passes (then only {@link Compactor#runOnce()}).
     */
    public Duration interval() {
        return interval;
    }

    /** Told when each compaction starts and ends (default {@link CompactionListener#NONE}). */
    public CompactionListener listener() {
        return listener;
    }

    /**
     * The garbage collection each pass ends with (default {@link GcOptions#defaults()};
     * {@link GcOptions#off()} leaves it to a separate {@link GarbageCollector}).
     */
    public GcOptions gc() {
        return gc;
    }

    /**
     * A merge whose inputs total at most this many bytes reads them into memory (default 64 MiB);
     * a larger one streams them into a scratch directory under {@code java.io.tmpdir}, verifies and
     * maps them from there, so it holds none of them on the heap, and deletes each once merged
     * (0: always stream).
     */
    public long memoryInputBytes() {
        return memoryInputBytes;
    }

    /**
     * The pace of a merge: at most this many bytes of entries merged per second (default 32 MiB/s;
     * 0: as fast as it goes), the first second's worth at once. Unpaced, a merge takes every core it
     * can (it seals blocks on helper threads), and on a small machine the reads and writes beside it
     * wait for a core: the read tail of the mixed benchmark in docs/BENCHMARKS.md. Level 0 at twice
     * {@link #l0Threshold()} or more is merged unpaced, since each table there costs every read a
     * probe, and so is a merge that {@link Compactor#stop()} or {@link Compactor#close()} waits for.
     * {@link Compactor#pacedTime()} tells how long merges waited.
     */
    public long maxBytesPerSecond() {
        return maxBytesPerSecond;
    }

    /** See {@link #l0Threshold()}. */
    public CompactorOptions withL0Threshold(int tables) {
        return new CompactorOptions(tables, targetSstBytes, blockBytes, interval, listener, gc, memoryInputBytes, maxBytesPerSecond);
    }

    /** See {@link #targetSstBytes()}. */
    public CompactorOptions withTargetSstBytes(long bytes) {
        return new CompactorOptions(l0Threshold, bytes, blockBytes, interval, listener, gc, memoryInputBytes, maxBytesPerSecond);
    }

    /** See {@link #blockBytes()}. */
    public CompactorOptions withBlockBytes(int bytes) {
        return new CompactorOptions(l0Threshold, targetSstBytes, bytes, interval, listener, gc, memoryInputBytes, maxBytesPerSecond);
    }

    /** See {@link #interval()}. */
    public CompactorOptions withInterval(Duration every) {
        return new CompactorOptions(l0Threshold, targetSstBytes, blockBytes, every, listener, gc, memoryInputBytes, maxBytesPerSecond);
    }

    /** See {@link #listener()}. */
    public CompactorOptions withListener(CompactionListener l) {
        return new CompactorOptions(l0Threshold, targetSstBytes, blockBytes, interval, l, gc, memoryInputBytes, maxBytesPerSecond);
    }

    /** See {@link #gc()}. */
    public CompactorOptions withGc(GcOptions options) {
        return new CompactorOptions(l0Threshold, targetSstBytes, blockBytes, interval, listener, options, memoryInputBytes, maxBytesPerSecond);
    }

    /** See {@link #memoryInputBytes()}. */
    public CompactorOptions withMemoryInputBytes(long bytes) {
        return new CompactorOptions(l0Threshold, targetSstBytes, blockBytes, interval, listener, gc, bytes, maxBytesPerSecond);
    }

    /** See {@link #maxBytesPerSecond()}. */
    public CompactorOptions withMaxBytesPerSecond(long bytes) {
        return new CompactorOptions(l0Threshold, targetSstBytes, blockBytes, interval, listener, gc, memoryInputBytes, bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompactorOptions c && l0Threshold == c.l0Threshold && targetSstBytes == c.targetSstBytes
                && blockBytes == c.blockBytes && interval.equals(c.interval) && listener.equals(c.listener) && gc.equals(c.gc)
                && memoryInputBytes == c.memoryInputBytes && maxBytesPerSecond == c.maxBytesPerSecond;
    }

    @Override
    public int hashCode() {
        return Objects.hash(l0Threshold, targetSstBytes, blockBytes, interval, listener, gc, memoryInputBytes, maxBytesPerSecond);
    }

    @Override
    public String toString() {
        return "CompactorOptions[l0Threshold=" + l0Threshold + ", targetSstBytes=" + targetSstBytes + ", blockBytes=" + blockBytes
                + ", interval=" + interval + ", listener=" + listener + ", gc=" + gc + ", memoryInputBytes=" + memoryInputBytes + ", maxBytesPerSecond=" + maxBytesPerSecond + "]";
    }
}
