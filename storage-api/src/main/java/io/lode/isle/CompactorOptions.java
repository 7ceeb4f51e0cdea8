package io.lode.isle;

import io.lode.internal.Require;
import java.time.Duration;

/**
 * Options of a {@link Compactor}.
 *
 * @param l0Threshold level 0 is merged into a new sorted run once it holds this many tables (default 8)
 * @param targetSstBytes a compaction output is cut once it reaches this size (default 64 MiB); a key's
 *     entry is never split across tables, so an output may exceed it by one entry
 * @param blockBytes the SST data block size of outputs (default 16 KiB)
 * @param interval how often {@link Compactor#start()} runs a compaction pass (default 10 s);
 *     {@link Duration#ZERO} for no background passes (then only {@link Compactor#runOnce()})
 * @param listener told when each compaction starts and ends (default {@link CompactionListener#NONE})
 * @param gc the garbage collection each pass ends with (default {@link GcOptions#defaults()};
 *     {@link GcOptions#off()} leaves it to a separate {@link GarbageCollector})
 * @param memoryInputBytes a merge whose inputs total at most this many bytes reads them into
 *     memory (default 64 MiB); a larger one streams them into a scratch directory under
 *     {@code java.io.tmpdir}, verifies and maps them from there, so it holds none of them on the
 *     heap, and deletes each once merged (0: always stream)
 */
public record CompactorOptions(int l0Threshold, long targetSstBytes, int blockBytes, Duration interval,
        CompactionListener listener, GcOptions gc, long memoryInputBytes) {

    public CompactorOptions {
        Require.argument(l0Threshold >= 2, "l0Threshold must be at least 2, not " + l0Threshold);
        Require.argument(targetSstBytes >= 64 << 10, "targetSstBytes must be at least 64 KiB, not " + targetSstBytes);
        Require.argument(blockBytes >= 1 << 10 && blockBytes <= 4 << 20, "blockBytes must be from 1 KiB to 4 MiB");
        Require.nonNull(interval, "interval");
        Require.argument(!interval.isNegative(), "interval must not be negative");
        Require.nonNull(listener, "listener");
        Require.nonNull(gc, "gc");
        Require.argument(memoryInputBytes >= 0, "memoryInputBytes must not be negative (0 always streams inputs to disk), not "
                + memoryInputBytes);
    }

    public static CompactorOptions defaults() {
        return new CompactorOptions(8, 64L << 20, 16 << 10, Duration.ofSeconds(10), CompactionListener.NONE, GcOptions.defaults(),
                64L << 20);
    }

    public CompactorOptions withL0Threshold(int tables) {
        return new CompactorOptions(tables, targetSstBytes, blockBytes, interval, listener, gc, memoryInputBytes);
    }

    public CompactorOptions withTargetSstBytes(long bytes) {
        return new CompactorOptions(l0Threshold, bytes, blockBytes, interval, listener, gc, memoryInputBytes);
    }

    public CompactorOptions withBlockBytes(int bytes) {
        return new CompactorOptions(l0Threshold, targetSstBytes, bytes, interval, listener, gc, memoryInputBytes);
    }

    public CompactorOptions withInterval(Duration every) {
        return new CompactorOptions(l0Threshold, targetSstBytes, blockBytes, every, listener, gc, memoryInputBytes);
    }

    public CompactorOptions withListener(CompactionListener l) {
        return new CompactorOptions(l0Threshold, targetSstBytes, blockBytes, interval, l, gc, memoryInputBytes);
    }

    public CompactorOptions withGc(GcOptions options) {
        return new CompactorOptions(l0Threshold, targetSstBytes, blockBytes, interval, listener, options, memoryInputBytes);
    }

    public CompactorOptions withMemoryInputBytes(long bytes) {
        return new CompactorOptions(l0Threshold, targetSstBytes, blockBytes, interval, listener, gc, bytes);
    }
}
