package io.lode.isle;

import io.lode.internal.Require;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of an {@link IsleWriter}: start from {@link #defaults()} and change what you need with
 * the {@code with} methods, each of which returns a new value (options are immutable). A later
 * version may add options, with defaults, without breaking code written against this one.
 *
 * <pre>{@code
 * WriterOptions.defaults().withMemtableBytes(16L << 20).withFlushInterval(Duration.ofMillis(200))
 * }</pre>
 *
 * <p>Every {@code with} method checks its value and throws {@code INVALID_ARGUMENT} for one out of range.
 */
public final class WriterOptions {
    private static final WriterOptions DEFAULTS =
            new WriterOptions(64L << 20, 4, Duration.ofSeconds(1), 16 << 10, 64 << 20, 256 << 10, 16 << 10, null, Duration.ofSeconds(60));

    private final long memtableBytes;
    private final int maxImmutableMemtables;
    private final Duration flushInterval;
    private final int maxKeyBytes;
    private final int maxValueBytes;
    private final int blobThreshold;
    private final int blockBytes;
    private final CommittedLsnExtractor lsnExtractor;
    private final Duration stallTimeout;

    private WriterOptions(long memtableBytes, int maxImmutableMemtables, Duration flushInterval, int maxKeyBytes,
            int maxValueBytes, int blobThreshold, int blockBytes, CommittedLsnExtractor lsnExtractor, Duration stallTimeout) {
        Require.argument(memtableBytes >= 64 << 10, "memtableBytes must be at least 64 KiB, not " + memtableBytes);
        Require.argument(maxImmutableMemtables >= 0, "maxImmutableMemtables must not be negative");
        Require.nonNull(flushInterval, "flushInterval");
        Require.argument(!flushInterval.isNegative(), "flushInterval must not be negative");
        Require.argument(maxKeyBytes >= 1, "maxKeyBytes must be at least 1");
        Require.argument(maxValueBytes >= 0, "maxValueBytes must not be negative");
        Require.argument(blobThreshold >= 1, "blobThreshold must be at least 1");
        Require.argument(blockBytes >= 1 << 10 && blockBytes <= 4 << 20, "blockBytes must be from 1 KiB to 4 MiB");
        this.memtableBytes = memtableBytes;
        this.maxImmutableMemtables = maxImmutableMemtables;
        this.flushInterval = flushInterval;
        this.maxKeyBytes = maxKeyBytes;
        this.maxValueBytes = maxValueBytes;
        this.blobThreshold = blobThreshold;
        this.blockBytes = blockBytes;
        this.lsnExtractor = lsnExtractor;
        Require.nonNull(stallTimeout, "stallTimeout");
        Require.argument(!stallTimeout.isNegative(), "stallTimeout must not be negative");
        this.stallTimeout = stallTimeout;
    }

    /**
     * 64 MiB memtables, at most 4 waiting, a flush every second, 16 KiB keys, 64 MiB values, 256 KiB
     * blobs, 16 KiB blocks, writes that wait up to 60 s for a flush when the memtables are full.
     */
    public static WriterOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The arena of one memtable (default 64 MiB, at least 64 KiB); a full one is frozen and a new
     * one started. It must hold the longest key with the longest inline value; a writer refuses to
     * open otherwise.
     */
    public long memtableBytes() {
        return memtableBytes;
    }

    /** How many frozen memtables may wait for a flush (default 4); beyond that, writes wait ({@link #stallTimeout()}). */
    public int maxImmutableMemtables() {
        return maxImmutableMemtables;
    }

    /**
     * How often a background thread flushes (default 1 s); it also flushes at once whenever a
     * memtable fills up. {@link Duration#ZERO} for no background flush: then only
     * {@link IsleWriter#flush()}, close and a write that finds the memtables full flush.
     */
    public Duration flushInterval() {
        return flushInterval;
    }

    /** The longest key (default 16 KiB). */
    public int maxKeyBytes() {
        return maxKeyBytes;
    }

    /** The longest value (default 64 MiB). */
    public int maxValueBytes() {
        return maxValueBytes;
    }

    /** Values at least this long are stored as blobs (default 256 KiB). */
    public int blobThreshold() {
        return blobThreshold;
    }

    /** The SST data block size (default 16 KiB, from 1 KiB to 4 MiB). */
    public int blockBytes() {
        return blockBytes;
    }

    /** Records committed LSNs in the manifest (see {@link CommittedLsnExtractor}); null (the default) for none. */
    public CommittedLsnExtractor lsnExtractor() {
        return lsnExtractor;
    }

    /**
     * How long a write waits for a flush when {@link #maxImmutableMemtables()} full memtables are
     * already waiting (default 60 s), as RocksDB stalls writes: the background flusher is woken, or,
     * without one, the writing thread flushes. Past it the write fails with {@code BACKPRESSURE}
     * (retryable); {@link Duration#ZERO} fails at once. The time writes spent waiting is
     * {@link IsleWriter#stalledTime()}.
     */
    public Duration stallTimeout() {
        return stallTimeout;
    }

    /** See {@link #stallTimeout()}. */
    public WriterOptions withStallTimeout(Duration timeout) {
        return new WriterOptions(memtableBytes, maxImmutableMemtables, flushInterval, maxKeyBytes, maxValueBytes, blobThreshold, blockBytes,
                lsnExtractor, timeout);
    }

    /** See {@link #memtableBytes()}. */
    public WriterOptions withMemtableBytes(long bytes) {
        return new WriterOptions(bytes, maxImmutableMemtables, flushInterval, maxKeyBytes, maxValueBytes, blobThreshold, blockBytes, lsnExtractor, stallTimeout);
    }

    /** See {@link #maxImmutableMemtables()}. */
    public WriterOptions withMaxImmutableMemtables(int n) {
        return new WriterOptions(memtableBytes, n, flushInterval, maxKeyBytes, maxValueBytes, blobThreshold, blockBytes, lsnExtractor, stallTimeout);
    }

    /** See {@link #flushInterval()}. */
    public WriterOptions withFlushInterval(Duration interval) {
        return new WriterOptions(memtableBytes, maxImmutableMemtables, interval, maxKeyBytes, maxValueBytes, blobThreshold, blockBytes, lsnExtractor, stallTimeout);
    }

    /** See {@link #maxKeyBytes()}. */
    public WriterOptions withMaxKeyBytes(int bytes) {
        return new WriterOptions(memtableBytes, maxImmutableMemtables, flushInterval, bytes, maxValueBytes, blobThreshold, blockBytes, lsnExtractor, stallTimeout);
    }

    /** See {@link #maxValueBytes()}. */
    public WriterOptions withMaxValueBytes(int bytes) {
        return new WriterOptions(memtableBytes, maxImmutableMemtables, flushInterval, maxKeyBytes, bytes, blobThreshold, blockBytes, lsnExtractor, stallTimeout);
    }

    /** See {@link #blobThreshold()}. */
    public WriterOptions withBlobThreshold(int bytes) {
        return new WriterOptions(memtableBytes, maxImmutableMemtables, flushInterval, maxKeyBytes, maxValueBytes, bytes, blockBytes, lsnExtractor, stallTimeout);
    }

    /** See {@link #blockBytes()}. */
    public WriterOptions withBlockBytes(int bytes) {
        return new WriterOptions(memtableBytes, maxImmutableMemtables, flushInterval, maxKeyBytes, maxValueBytes, blobThreshold, bytes, lsnExtractor, stallTimeout);
    }

    /** See {@link #lsnExtractor()}; null for none. */
    public WriterOptions withCommittedLsnExtractor(CommittedLsnExtractor extractor) {
        return new WriterOptions(memtableBytes, maxImmutableMemtables, flushInterval, maxKeyBytes, maxValueBytes, blobThreshold, blockBytes, extractor, stallTimeout);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WriterOptions w && memtableBytes == w.memtableBytes && maxImmutableMemtables == w.maxImmutableMemtables
                && flushInterval.equals(w.flushInterval) && maxKeyBytes == w.maxKeyBytes && maxValueBytes == w.maxValueBytes
                && blobThreshold == w.blobThreshold && blockBytes == w.blockBytes && Objects.equals(lsnExtractor, w.lsnExtractor)
                && stallTimeout.equals(w.stallTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(memtableBytes, maxImmutableMemtables, flushInterval, maxKeyBytes, maxValueBytes, blobThreshold, blockBytes,
                lsnExtractor, stallTimeout);
    }

    @Override
    public String toString() {
        return "WriterOptions[memtableBytes=" + memtableBytes + ", maxImmutableMemtables=" + maxImmutableMemtables
                + ", flushInterval=" + flushInterval + ", maxKeyBytes=" + maxKeyBytes + ", maxValueBytes=" + maxValueBytes
                + ", blobThreshold=" + blobThreshold + ", blockBytes=" + blockBytes + ", lsnExtractor=" + lsnExtractor
                + ", stallTimeout=" + stallTimeout + "]";
    }
}
