package io.lode.sst.format;

import io.lode.core.key.EntryKind;
import io.lode.core.memory.Layouts;
import io.lode.core.memory.UnsignedBytes;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The order of internal keys: user key unsigned ascending, then trailer descending, so the newest
 * version of a key (highest sequence) comes first. It is RocksDB's {@code InternalKeyComparator}
 * over {@code leveldb.BytewiseComparator}.
 */
public final class InternalKeyComparator implements Comparator<MemorySegment> {
    /** The comparator over whole internal-key segments. */
    public static final InternalKeyComparator INSTANCE = new InternalKeyComparator();

    /** The name RocksDB records and checks in the {@code rocksdb.comparator} property. */
    public static final String USER_COMPARATOR_NAME = "leveldb.BytewiseComparator";

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private InternalKeyComparator() {}

    @Override
    public int compare(MemorySegment a, MemorySegment b) {
        return compare(a, 0, a.byteSize(), b, 0, b.byteSize());
    }

    /** Compares internal keys {@code a[aFrom, aTo)} and {@code b[bFrom, bTo)}; both have trailers. */
    public static int compare(MemorySegment a, long aFrom, long aTo, MemorySegment b, long bFrom, long bTo) {
        long aUserEnd = aTo - InternalKey.TRAILER_BYTES;
        long bUserEnd = bTo - InternalKey.TRAILER_BYTES;
        int c = UnsignedBytes.compare(a, aFrom, aUserEnd, b, bFrom, bUserEnd);
        if (c != 0) {
            return c;
        }
        // Descending trailer: a larger sequence sorts first.
        return Long.compareUnsigned(b.get(Layouts.U64_LE, bUserEnd), a.get(Layouts.U64_LE, aUserEnd));
    }

    /**
     * Compares internal keys held in arrays. Lookups compare a key buffer with a target many times per
     * call; {@link Arrays#compareUnsigned(byte[], int, int, byte[], int, int)} costs far less per call
     * on short keys than a segment mismatch with its liveness and bounds checks (measured with JFR on
     * the lookup benchmark).
     */
    public static int compare(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
        int aUserEnd = aTo - InternalKey.TRAILER_BYTES;
        int bUserEnd = bTo - InternalKey.TRAILER_BYTES;
        int c = Arrays.compareUnsigned(a, aFrom, aUserEnd, b, bFrom, bUserEnd);
        if (c != 0) {
            return c;
        }
        return Long.compareUnsigned((long) LONG_LE.get(b, bUserEnd), (long) LONG_LE.get(a, aUserEnd));
    }

    /**
     * Puts into {@code separator} a key k with {@code last <= k < next}, as short as we can make it: the
     * first differing user-key byte incremented, or {@code last} itself when no shorter key fits.
     */
    public static void shortestSeparator(GrowableBuffer last, GrowableBuffer next, GrowableBuffer separator) {
        MemorySegment a = last.segment();
        int aUser = last.size() - InternalKey.TRAILER_BYTES;
        int bUser = next.size() - InternalKey.TRAILER_BYTES;
        long diff = MemorySegment.mismatch(a, 0, aUser, next.segment(), 0, bUser);
        if (diff >= 0 && diff < Math.min(aUser, bUser)) {
            int b = next.segment().get(ValueLayout.JAVA_BYTE, diff) & 0xFF;
            for (int i = (int) diff; i < aUser - 1; i++) {
                int ai = a.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
                // At the first difference the incremented byte must stay below next's byte; past it any
                // increment keeps the key below next.
                boolean fits = i == diff ? ai + 1 < b : ai < 0xFF;
                if (fits) {
                    shortened(a, i, ai + 1, separator);
                    return;
                }
            }
        }
        separator.clear();
        separator.put(a, 0, last.size());
    }

    /** Puts into {@code separator} the smallest short key after every key with the user key of {@code last}. */
    public static void shortSuccessor(GrowableBuffer last, GrowableBuffer separator) {
        MemorySegment a = last.segment();
        int aUser = last.size() - InternalKey.TRAILER_BYTES;
        for (int i = 0; i < aUser - 1; i++) {
            int ai = a.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
            if (ai < 0xFF) {
                shortened(a, i, ai + 1, separator);
                return;
            }
        }
        separator.clear();
        separator.put(a, 0, last.size());
    }

    private static void shortened(MemorySegment userKey, int prefixLength, int lastByte, GrowableBuffer separator) {
        separator.clear();
        separator.put(userKey, 0, prefixLength);
        separator.putByte(lastByte);
        separator.putFixed64(InternalKey.packTrailer(InternalKey.MAX_SEQUENCE, EntryKind.SET));
    }
}
