package io.lode.spi;

import java.lang.foreign.MemorySegment;

/**
 * One object opened for many range reads ({@link ObjectStore#openRanges}): a table read block by
 * block. A driver that can keep the object open (a file) reads each range without looking the
 * object up again; the others read each range with {@link ObjectStore#getRange}. Meant for objects
 * that are never replaced; if one is, reads see either version. Close it when done; it is safe to
 * use from several threads at once.
 */
public interface ObjectRanges extends AutoCloseable {
    /**
     * Reads {@code length} bytes starting at {@code offset}, or fewer at the end of the object, into
     * memory that belongs to the caller. Fails as {@link ObjectStore#getRange} does.
     */
    MemorySegment read(long offset, long length);

    /**
     * {@link #read(long, long)}, but a driver that copies the bytes anyway may read them into
     * {@code buffer} (native memory of at least {@code length} bytes, which the caller reuses once it
     * is done with the result; null for none) and return a slice of it; the others return memory of
     * their own, as the default does. A block cache's miss reads this way, so that it allocates
     * nothing.
     */
    default MemorySegment read(long offset, long length, MemorySegment buffer) {
        return read(offset, length);
    }

    /** Lets go of what keeping the object open holds; idempotent. */
    @Override
    void close();

    /** Ranges read by {@link ObjectStore#getRange}, one request each. */
    static ObjectRanges byRequests(ObjectStore store, String key) {
        return new ObjectRanges() {
            @Override
            public MemorySegment read(long offset, long length) {
                return store.getRange(key, offset, length).segment();
            }

            @Override
            public void close() {}
        };
    }
}
