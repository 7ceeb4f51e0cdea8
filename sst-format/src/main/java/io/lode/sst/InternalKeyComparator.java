package io.lode.sst;

import io.lode.core.memory.Layouts;
import io.lode.core.memory.UnsignedBytes;
import java.lang.foreign.MemorySegment;
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
}
