package io.lode.core.memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Unsigned lexicographic order of byte strings: the order of every key in Lode.
 *
 * <p>Comparison finds the first differing byte with {@link MemorySegment#mismatch} (vectorised by
 * the JDK for longer ranges) and compares that one byte unsigned; a proper prefix sorts first.
 */
public final class UnsignedBytes {
    private UnsignedBytes() {}

    /** Compares {@code a[aFrom, aTo)} with {@code b[bFrom, bTo)}; negative, zero or positive. */
    public static int compare(MemorySegment a, long aFrom, long aTo, MemorySegment b, long bFrom, long bTo) {
        long i = MemorySegment.mismatch(a, aFrom, aTo, b, bFrom, bTo);
        if (i < 0) {
            return 0;
        }
        long aLen = aTo - aFrom;
        long bLen = bTo - bFrom;
        if (i == aLen) {
            return -1;
        }
        if (i == bLen) {
            return 1;
        }
        return Byte.compareUnsigned(a.get(ValueLayout.JAVA_BYTE, aFrom + i), b.get(ValueLayout.JAVA_BYTE, bFrom + i));
    }

    /** Compares two whole segments. */
    public static int compare(MemorySegment a, MemorySegment b) {
        return compare(a, 0, a.byteSize(), b, 0, b.byteSize());
    }

    /** Compares two whole arrays. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
