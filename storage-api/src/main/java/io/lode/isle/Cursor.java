package io.lode.isle;

import java.lang.foreign.MemorySegment;

/**
 * Walks the live keys of a range in ascending unsigned order, like a {@code ResultSet}: call
 * {@link #next()} first. A cursor reads the view of the database it was opened on; a
 * {@link IsleReader#refresh()} meanwhile does not change what it returns. Close it when done.
 */
public interface Cursor extends AutoCloseable {
    /** Moves to the next live key; false at the end of the range. */
    boolean next();

    /** The current key (a copy). */
    byte[] key();

    /** The current value (a copy). */
    byte[] value();

    /** The current key without copying; valid until the next call to {@link #next()}. */
    MemorySegment keySegment();

    /** The current value without copying; valid until the next call to {@link #next()}. */
    MemorySegment valueSegment();

    @Override
    void close();
}
