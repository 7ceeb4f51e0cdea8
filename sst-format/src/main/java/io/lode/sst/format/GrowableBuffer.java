package io.lode.sst.format;

import io.lode.core.memory.Layouts;
import io.lode.core.memory.Varints;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * An append-only heap buffer for building blocks. Heap arrays because the writer hands its bytes to
 * {@code OutputStream}s and lz4-java, both of which take {@code byte[]} without a copy.
 */
public final class GrowableBuffer {
    private byte[] bytes;
    private MemorySegment segment;
    private int size;

    public GrowableBuffer(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
        segment = MemorySegment.ofArray(bytes);
    }

    /** Makes room for {@code extra} more bytes. */
    public void ensureRoom(long extra) {
        long needed = size + extra;
        if (needed > bytes.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("a block cannot exceed 2 GiB, needs " + needed + " bytes");
            }
            int capacity = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, (long) bytes.length * 2));
            bytes = Arrays.copyOf(bytes, capacity);
            segment = MemorySegment.ofArray(bytes);
        }
    }

    public void putByte(int b) {
        ensureRoom(1);
        bytes[size++] = (byte) b;
    }

    public void putVarint(long value) {
        ensureRoom(Varints.MAX_VARINT64_BYTES);
        size = (int) Varints.write(segment, size, value);
    }

    public void putFixed32(int value) {
        ensureRoom(4);
        segment.set(Layouts.U32_LE, size, value);
        size += 4;
    }

    public void putFixed64(long value) {
        ensureRoom(8);
        segment.set(Layouts.U64_LE, size, value);
        size += 8;
    }

    public void put(MemorySegment source, long offset, long length) {
        ensureRoom(length);
        MemorySegment.copy(source, ValueLayout.JAVA_BYTE, offset, bytes, size, (int) length);
        size += (int) length;
    }

    public void put(byte[] source, int offset, int length) {
        ensureRoom(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    /** Sets the size to {@code newSize}, which must not exceed the capacity reserved with {@link #ensureRoom}. */
    public void setSize(int newSize) {
        if (newSize < 0 || newSize > bytes.length) {
            throw new IllegalArgumentException("size " + newSize + " outside capacity " + bytes.length);
        }
        size = newSize;
    }

    public void clear() {
        size = 0;
    }

    public int size() {
        return size;
    }

    /** The backing array; valid until the next append. */
    public byte[] array() {
        return bytes;
    }

    /** The backing array as a segment of the whole capacity; valid until the next append. */
    public MemorySegment segment() {
        return segment;
    }

    /** A copy of the contents. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
