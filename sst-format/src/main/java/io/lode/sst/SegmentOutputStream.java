package io.lode.sst;

import io.lode.sst.format.GrowableBuffer;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** An output stream into a growing heap buffer, for tables built in memory. */
public final class SegmentOutputStream extends OutputStream {
    private final GrowableBuffer buffer;

    public SegmentOutputStream(int initialCapacity) {
        buffer = new GrowableBuffer(initialCapacity);
    }

    public SegmentOutputStream() {
        this(1 << 16);
    }

    @Override
    public void write(int b) {
        buffer.putByte(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        buffer.put(b, off, len);
    }

    public long size() {
        return buffer.size();
    }

    /** The bytes written so far, as a heap segment over the live buffer (no copy): valid until the next write. */
    public MemorySegment toSegment() {
        return buffer.segment().asSlice(0, buffer.size());
    }

    /**
     * The live buffer, whose first {@link #size()} bytes were written: for a writer in this package
     * that hands finished bytes on without copying them.
     */
    byte[] array() {
        return buffer.array();
    }

    /** A copy of the bytes written so far in {@code arena}. */
    public MemorySegment copyTo(Arena arena) {
        MemorySegment copy = arena.allocate(buffer.size(), 8);
        MemorySegment.copy(buffer.segment(), 0, copy, 0, buffer.size());
        return copy;
    }

    /** A copy of the bytes written so far. */
    public byte[] toByteArray() {
        return buffer.toByteArray();
    }
}
