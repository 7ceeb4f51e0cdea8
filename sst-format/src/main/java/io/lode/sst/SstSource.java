package io.lode.sst;

import java.lang.foreign.MemorySegment;

/**
 * The bytes of one SST, read by range: a mapped or downloaded file ({@link #of}), or a remote object
 * read with ranged GETs. {@link SstReader} bounds every range by {@link #size()} before it asks.
 */
public interface SstSource {
    /** The file name or object key, for error messages. */
    String name();

    /** The table's size in bytes. */
    long size();

    /**
     * The bytes {@code [offset, offset + length)}, which lie within {@link #size()}. The segment must
     * stay readable as long as the reader (or its block cache) may use it. I/O failures are thrown as
     * {@link java.io.UncheckedIOException}.
     */
    MemorySegment read(long offset, long length);

    /**
     * {@link #read(long, long)}, but a source that copies the bytes anyway may read them into
     * {@code buffer} (native memory of at least {@code length} bytes, which the reader reuses once
     * the block cache has copied what it keeps; null for none) and return a slice of it, as the
     * default does not.
     */
    default MemorySegment read(long offset, long length, MemorySegment buffer) {
        return read(offset, length);
    }

    /** A source over a whole table in memory; reads are slices, no copy. */
    static SstSource of(String name, MemorySegment table) {
        return new SegmentSource(name, table);
    }

    /** Whether {@link #read} returns slices of memory that stays valid (no need to cache raw blocks). */
    default boolean isResident() {
        return false;
    }
}
