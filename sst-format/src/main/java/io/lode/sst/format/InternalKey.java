package io.lode.sst.format;

import io.lode.core.key.EntryKind;
import io.lode.core.key.InternalKeyTrailer;
import io.lode.core.memory.Layouts;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The internal key codec: a user key followed by an 8-byte little-endian trailer
 * {@code (sequence << 8) | kind}, exactly as RocksDB stores keys in its tables.
 */
public final class InternalKey {
    /** Bytes of the trailer after the user key. */
    public static final int TRAILER_BYTES = InternalKeyTrailer.BYTES;
    /** The largest sequence number: the trailer keeps 56 bits for it. */
    public static final long MAX_SEQUENCE = InternalKeyTrailer.MAX_SEQUENCE;

    private InternalKey() {}

    /** The trailer for {@code sequence} and {@code kind}. */
    public static long packTrailer(long sequence, EntryKind kind) {
        return InternalKeyTrailer.of(sequence, kind);
    }

    /** A new internal key for {@code userKey} at {@code sequence}. */
    public static byte[] encode(MemorySegment userKey, long sequence, EntryKind kind) {
        long trailer = packTrailer(sequence, kind);
        int n = Math.toIntExact(userKey.byteSize());
        byte[] out = new byte[n + TRAILER_BYTES];
        MemorySegment.copy(userKey, ValueLayout.JAVA_BYTE, 0, out, 0, n);
        MemorySegment.ofArray(out).set(Layouts.U64_LE, n, trailer);
        return out;
    }

    /** A new internal key for {@code userKey} at {@code sequence}. */
    public static byte[] encode(byte[] userKey, long sequence, EntryKind kind) {
        return encode(MemorySegment.ofArray(userKey), sequence, kind);
    }

    /** The user key part of {@code internalKey}, as a slice (no copy). */
    public static MemorySegment userKey(MemorySegment internalKey) {
        return internalKey.asSlice(0, userKeyLength(internalKey));
    }

    /** The length of the user key part. */
    public static long userKeyLength(MemorySegment internalKey) {
        long n = internalKey.byteSize() - TRAILER_BYTES;
        if (n < 0) {
            throw new IllegalArgumentException("an internal key has at least 8 bytes, got " + internalKey.byteSize());
        }
        return n;
    }

    /** The trailer {@code (sequence << 8) | kind}. */
    public static long trailer(MemorySegment internalKey) {
        return internalKey.get(Layouts.U64_LE, userKeyLength(internalKey));
    }

    public static long sequence(MemorySegment internalKey) {
        return trailer(internalKey) >>> 8;
    }

    /** The kind code (low byte of the trailer); see {@link EntryKind#ofCode}. */
    public static int kindCode(MemorySegment internalKey) {
        return (int) (trailer(internalKey) & 0xFF);
    }
}
