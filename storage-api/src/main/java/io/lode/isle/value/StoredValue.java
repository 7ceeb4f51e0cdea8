package io.lode.isle.value;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A value as Isle stores it in memtables and SSTs: a marker byte, an optional expiry, then the
 * payload (docs/isle-format.md, "Values").
 *
 * <pre>
 * inline      0x00 | value                 0x80 | expireAt(8, BE, Unix ms) | value
 * blob ref    0x03 | sha256(32)            0x83 | expireAt | sha256(32)
 * tombstone   0x02                         0x82 | expireAt
 * </pre>
 *
 * @param kind what the entry is
 * @param expireAt Unix milliseconds after which it reads as deleted; 0 for never
 * @param payload the value (inline), the blob's SHA-256 (blob ref), or empty (tombstone); a slice
 *     of the decoded segment, not a copy
 */
public record StoredValue(Kind kind, long expireAt, MemorySegment payload) {
    /** The kinds of stored values. */
    public enum Kind { INLINE, BLOB_REF, TOMBSTONE }

    static final int TTL_FLAG = 0x80;
    static final int MARKER_INLINE = 0x00;
    static final int MARKER_TOMBSTONE = 0x02;
    static final int MARKER_BLOB = 0x03;
    public static final int BLOB_ID_BYTES = 32;
    private static final ValueLayout.OfLong EXPIRY = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /**
     * Whether the stored value {@code stored} is a blob reference, with or without an expiry: its
     * marker alone, without decoding or checking the rest (what a table builder notes per entry).
     */
    public static boolean isBlobRef(MemorySegment stored) {
        return stored.byteSize() > 0 && (stored.get(ValueLayout.JAVA_BYTE, 0) & ~TTL_FLAG & 0xFF) == MARKER_BLOB;
    }

    /** Whether the value reads as absent at {@code nowMillis}: deleted, or expired. */
    public boolean isDeadAt(long nowMillis) {
        return kind == Kind.TOMBSTONE || (expireAt > 0 && expireAt <= nowMillis);
    }

    public static byte[] inline(byte[] value, long expireAt) {
        return inline(MemorySegment.ofArray(value), expireAt);
    }

    /** The stored form of {@code value}: its bytes are copied once, behind the header. */
    public static byte[] inline(MemorySegment value, long expireAt) {
        return encode(MARKER_INLINE, expireAt, value);
    }

    public static byte[] blobRef(byte[] sha256, long expireAt) {
        if (sha256.length != BLOB_ID_BYTES) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "a blob id is " + BLOB_ID_BYTES + " bytes, not " + sha256.length);
        }
        return encode(MARKER_BLOB, expireAt, MemorySegment.ofArray(sha256));
    }

    public static byte[] tombstone(long expireAt) {
        return encode(MARKER_TOMBSTONE, expireAt, MemorySegment.ofArray(new byte[0]));
    }

    /** The number of bytes {@code payloadLength} bytes take once encoded. */
    public static long encodedLength(long payloadLength, long expireAt) {
        return 1 + (expireAt > 0 ? 8 : 0) + payloadLength;
    }

    private static byte[] encode(int marker, long expireAt, MemorySegment payload) {
        if (expireAt < 0) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "expireAt " + expireAt + " is negative");
        }
        byte[] out = new byte[Math.toIntExact(encodedLength(payload.byteSize(), expireAt))];
        MemorySegment s = MemorySegment.ofArray(out);
        int at = 1;
        if (expireAt > 0) {
            out[0] = (byte) (marker | TTL_FLAG);
            s.set(EXPIRY, 1, expireAt);
            at = 9;
        } else {
            out[0] = (byte) marker;
        }
        MemorySegment.copy(payload, 0, s, at, payload.byteSize());
        return out;
    }

    /**
     * Decodes a stored value without copying it.
     *
     * @param where what the value belongs to, for messages (a key in a named SST)
     */
    public static StoredValue decode(MemorySegment stored, String where) {
        long n = stored.byteSize();
        if (n == 0) {
            throw corrupt(where, "an empty stored value has no marker");
        }
        int marker = stored.get(ValueLayout.JAVA_BYTE, 0) & 0xFF;
        long expireAt = 0;
        long at = 1;
        if ((marker & TTL_FLAG) != 0) {
            if (n < 9) {
                throw corrupt(where, "a value with an expiry is " + n + " bytes, shorter than its 9-byte header");
            }
            expireAt = stored.get(EXPIRY, 1);
            if (expireAt <= 0) {
                throw corrupt(where, "expiry " + expireAt + " is not a time");
            }
            at = 9;
        }
        MemorySegment payload = stored.asSlice(at);
        return switch (marker & ~TTL_FLAG) {
            case MARKER_INLINE -> new StoredValue(Kind.INLINE, expireAt, payload);
            case MARKER_TOMBSTONE -> {
                if (payload.byteSize() != 0) {
                    throw corrupt(where, "a tombstone carries " + payload.byteSize() + " bytes");
                }
                yield new StoredValue(Kind.TOMBSTONE, expireAt, payload);
            }
            case MARKER_BLOB -> {
                if (payload.byteSize() != BLOB_ID_BYTES) {
                    throw corrupt(where, "a blob reference holds " + payload.byteSize() + " bytes instead of a "
                            + BLOB_ID_BYTES + "-byte SHA-256");
                }
                yield new StoredValue(Kind.BLOB_REF, expireAt, payload);
            }
            default -> throw corrupt(where, String.format("unknown value marker 0x%02x", marker));
        };
    }

    private static LodeException corrupt(String where, String problem) {
        return new LodeException(ErrorCode.CORRUPTION, where + ": " + problem);
    }
}
