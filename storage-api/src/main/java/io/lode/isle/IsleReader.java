package io.lode.isle;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads an Isle database as of its last {@link #refresh()}: any number of readers, on any hosts.
 * Thread-safe.
 */
public interface IsleReader extends AutoCloseable {
    /** The value of {@code key}, or null when it is absent, deleted or expired. */
    byte[] get(byte[] key);

    /** The value of {@code key}, or null when it is absent, deleted or expired. */
    byte[] get(MemorySegment key);

    /**
     * The live keys from {@code fromInclusive} to {@code toInclusive}, ascending; a null bound is
     * open.
     */
    Cursor scan(byte[] fromInclusive, byte[] toInclusive);

    /** At most {@code limit} entries of {@link #scan(byte[], byte[])}. */
    List<KeyValue> scan(byte[] fromInclusive, byte[] toInclusive, int limit);

    /** Reads what was committed since the last refresh; returns whether anything was. */
    boolean refresh();

    /** The highest committed LSN, when the database records LSNs. */
    OptionalLong maxCommittedLsn();

    /** The lowest retained LSN, when the database records LSNs. */
    OptionalLong lowWatermarkLsn();

    @Override
    void close();
}
