package io.lode.core.memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * LEB128 variable-length unsigned integers, as LevelDB and RocksDB encode them: seven bits per
 * byte, least significant group first, the high bit set on every byte but the last.
 *
 * <p>Decoding is bounded by an explicit limit so that a truncated or corrupted buffer can never
 * read past the data it belongs to; it reports such input with {@link MalformedVarintException}
 * rather than an index exception, so callers can turn it into their own corruption error.
 */
public final class Varints {
    /** The longest encoding of a 32-bit value. */
    public static final int MAX_VARINT32_BYTES = 5;
    /** The longest encoding of a 64-bit value. */
    public static final int MAX_VARINT64_BYTES = 10;

    private Varints() {}

    /** The number of bytes {@code value} takes when encoded (treated as unsigned). */
    public static int encodedLength(long value) {
        // 1 byte per started group of 7 significant bits; zero still takes one byte.
        int bits = 64 - Long.numberOfLeadingZeros(value | 1);
        return (bits + 6) / 7;
    }

    /**
     * Writes {@code value} (unsigned) at {@code offset}; returns the offset just past it. The caller
     * guarantees room for {@link #encodedLength(long)} bytes.
     */
    public static long write(MemorySegment segment, long offset, long value) {
        long v = value;
        long at = offset;
        while ((v & ~0x7FL) != 0) {
            segment.set(ValueLayout.JAVA_BYTE, at++, (byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        segment.set(ValueLayout.JAVA_BYTE, at++, (byte) v);
        return at;
    }

    /**
     * The length in bytes of the varint that starts at {@code offset}, reading no byte at or past
     * {@code limit}.
     *
     * @throws MalformedVarintException if the encoding runs into {@code limit} or is longer than
     *     {@code maxBytes}
     */
    public static int lengthAt(MemorySegment segment, long offset, long limit, int maxBytes) {
        for (int n = 0; n < maxBytes; n++) {
            long at = offset + n;
            if (at >= limit) {
                throw new MalformedVarintException("truncated varint at offset " + offset);
            }
            if ((segment.get(ValueLayout.JAVA_BYTE, at) & 0x80) == 0) {
                return n + 1;
            }
        }
        throw new MalformedVarintException("varint longer than " + maxBytes + " bytes at offset " + offset);
    }

    /**
     * Reads the unsigned 64-bit varint at {@code offset} without reading at or past {@code limit}.
     * Pair it with {@link #lengthAt} (or {@link #encodedLength} for canonical encodings) to advance.
     */
    public static long read64(MemorySegment segment, long offset, long limit) {
        int n = lengthAt(segment, offset, limit, MAX_VARINT64_BYTES);
        long result = 0;
        for (int i = 0; i < n; i++) {
            long b = segment.get(ValueLayout.JAVA_BYTE, offset + i) & 0x7FL;
            result |= b << (7 * i);
        }
        if (n == MAX_VARINT64_BYTES && (segment.get(ValueLayout.JAVA_BYTE, offset + 9) & 0x7E) != 0) {
            throw new MalformedVarintException("varint overflows 64 bits at offset " + offset);
        }
        return result;
    }

    /** Reads the unsigned 32-bit varint at {@code offset}; see {@link #read64}. */
    public static int read32(MemorySegment segment, long offset, long limit) {
        int n = lengthAt(segment, offset, limit, MAX_VARINT32_BYTES);
        long result = 0;
        for (int i = 0; i < n; i++) {
            long b = segment.get(ValueLayout.JAVA_BYTE, offset + i) & 0x7FL;
            result |= b << (7 * i);
        }
        if (result > 0xFFFF_FFFFL) {
            throw new MalformedVarintException("varint overflows 32 bits at offset " + offset);
        }
        return (int) result;
    }
}
