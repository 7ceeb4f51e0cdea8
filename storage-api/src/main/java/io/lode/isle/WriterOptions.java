package io.lode.isle;

import io.lode.internal.Require;
import java.time.Duration;

/**
 * Options of an {@link IsleWriter}.
 *
 * @param memtableBytes the arena of one memtable (default 64 MiB); a full one is frozen and a new
 *     one started. It must hold the longest key with the longest inline value; a writer refuses to
 *     open otherwise
 * @param maxImmutableMemtables how many frozen memtables may wait for a flush (default 4); beyond
 *     that, writes fail with {@code BACKPRESSURE} until a flush completes
 * @param flushInterval how often a background thread flushes (default 1 s); it also flushes at once
 *     whenever a memtable fills up. {@link Duration#ZERO} for no background flush (then only
 *     {@link IsleWriter#flush()} and close flush, and a writer that fills its memtables gets
 *     {@code BACKPRESSURE})
 * @param maxKeyBytes the longest key (default 16 KiB)
 * @param maxValueBytes the longest value (default 64 MiB)
 * @param blobThreshold values at least this long are stored as blobs (default 256 KiB)
 * @param blockBytes the SST data block size (default 16 KiB)
 * @param lsnExtractor records committed LSNs in the manifest (see {@link CommittedLsnExtractor}); null for none
 */
public record WriterOptions(long memtableBytes, int maxImmutableMemtables, Duration flushInterval, int maxKeyBytes,
        int maxValueBytes, int blobThreshold, int blockBytes, CommittedLsnExtractor lsnExtractor) {

    public WriterOptions {
        Require.argument(memtableBytes >= 64 << 10, "memtableBytes must be at least 64 KiB, not " + memtableBytes);
        Require.argument(maxImmutableMemtables >= 0, "maxImmutableMemtables must not be negative");
        Require.nonNull(flushInterval, "flushInterval");
        Require.argument(!flushInterval.isNegative(), "flushInterval must not be negative");
        Require.argument(maxKeyBytes >= 1, "maxKeyBytes must be at least 1");
        Require.argument(maxValueBytes >= 0, "maxValueBytes must not be negative");
        Require.argument(blobThreshold >= 1, "blobThreshold must be at least 1");
        Require.argument(blockBytes >= 1 << 10 && blockBytes <= 4 << 20, "blockBytes must be from 1 KiB to 4 MiB");
    }

    public static WriterOptions defaults() {
        return new WriterOptions(64L << 20, 4, Duration.ofSeconds(1), 16 << 10, 64 << 20, 256 << 10, 16 << 10, null);
    }

    public WriterOptions withMemtableBytes(long bytes) {
        return new WriterOptions(bytes, maxImmutableMemtables, flushInterval, maxKeyBytes, maxValueBytes, blobThreshold, blockBytes, lsnExtractor);
    }

    public WriterOptions withMaxImmutableMemtables(int n) {
        return new WriterOptions(memtableBytes, n, flushInterval, maxKeyBytes, maxValueBytes, blobThreshold, blockBytes, lsnExtractor);
    }

    public WriterOptions withFlushInterval(Duration interval) {
        return new WriterOptions(memtableBytes, maxImmutableMemtables, interval, maxKeyBytes, maxValueBytes, blobThreshold, blockBytes, lsnExtractor);
    }

    public WriterOptions withMaxKeyBytes(int bytes) {
        return new WriterOptions(memtableBytes, maxImmutableMemtables, flushInterval, bytes, maxValueBytes, blobThreshold, blockBytes, lsnExtractor);
    }

    public WriterOptions withMaxValueBytes(int bytes) {
        return new WriterOptions(memtableBytes, maxImmutableMemtables, flushInterval, maxKeyBytes, bytes, blobThreshold, blockBytes, lsnExtractor);
    }

    public WriterOptions withBlobThreshold(int bytes) {
        return new WriterOptions(memtableBytes, maxImmutableMemtables, flushInterval, maxKeyBytes, maxValueBytes, bytes, blockBytes, lsnExtractor);
    }

    public WriterOptions withCommittedLsnExtractor(CommittedLsnExtractor extractor) {
        return new WriterOptions(memtableBytes, maxImmutableMemtables, flushInterval, maxKeyBytes, maxValueBytes, blobThreshold, blockBytes, extractor);
    }

    public WriterOptions withBlockBytes(int bytes) {
        return new WriterOptions(memtableBytes, maxImmutableMemtables, flushInterval, maxKeyBytes, maxValueBytes, blobThreshold, bytes, lsnExtractor);
    }
}
