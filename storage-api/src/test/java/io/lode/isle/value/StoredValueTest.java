package io.lode.isle.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class StoredValueTest {
    private static StoredValue decode(byte[] b) {
        return StoredValue.decode(MemorySegment.ofArray(b), "key 'k' in sstable/1");
    }

    @Test
    void inlineBlobAndTombstoneRoundTripWithAndWithoutExpiry() {
        byte[] v = {0, (byte) 0xFF, 7};
        StoredValue plain = decode(StoredValue.inline(v, 0));
        assertEquals(StoredValue.Kind.INLINE, plain.kind());
        assertEquals(0, plain.expireAt());
        assertArrayEquals(v, plain.payload().toArray(ValueLayout.JAVA_BYTE));
        assertEquals(1 + v.length, StoredValue.inline(v, 0).length);

        StoredValue ttl = decode(StoredValue.inline(v, 1_700_000_000_000L));
        assertEquals(1_700_000_000_000L, ttl.expireAt());
        assertArrayEquals(v, ttl.payload().toArray(ValueLayout.JAVA_BYTE));
        assertEquals((byte) 0x80, StoredValue.inline(v, 5)[0]);

        byte[] sha = new byte[32];
        sha[31] = 1;
        StoredValue blob = decode(StoredValue.blobRef(sha, 9));
        assertEquals(StoredValue.Kind.BLOB_REF, blob.kind());
        assertArrayEquals(sha, blob.payload().toArray(ValueLayout.JAVA_BYTE));

        assertEquals(StoredValue.Kind.TOMBSTONE, decode(StoredValue.tombstone(0)).kind());
        assertEquals(StoredValue.Kind.INLINE, decode(StoredValue.inline(new byte[0], 0)).kind());
    }

    @Test
    void aBlobReferenceIsKnownByItsMarkerWithOrWithoutExpiry() {
        byte[] sha = new byte[32];
        assertTrue(StoredValue.isBlobRef(MemorySegment.ofArray(StoredValue.blobRef(sha, 0))));
        assertTrue(StoredValue.isBlobRef(MemorySegment.ofArray(StoredValue.blobRef(sha, 9))));
        assertFalse(StoredValue.isBlobRef(MemorySegment.ofArray(StoredValue.inline(sha, 0))));
        assertFalse(StoredValue.isBlobRef(MemorySegment.ofArray(StoredValue.inline(sha, 9))));
        assertFalse(StoredValue.isBlobRef(MemorySegment.ofArray(StoredValue.tombstone(9))));
        assertFalse(StoredValue.isBlobRef(MemorySegment.ofArray(new byte[0])));
    }

    @Test
    void expiredValuesAndTombstonesReadAsDead() {
        assertTrue(decode(StoredValue.tombstone(0)).isDeadAt(0));
        assertTrue(decode(StoredValue.inline(new byte[1], 1000)).isDeadAt(1000));
        assertFalse(decode(StoredValue.inline(new byte[1], 1000)).isDeadAt(999));
        assertFalse(decode(StoredValue.inline(new byte[1], 0)).isDeadAt(Long.MAX_VALUE));
    }

    @Test
    void damagedValuesAreCorruptionNamingWhereTheyWere() {
        byte[][] bad = {{}, {(byte) 0x80, 1, 2}, {0x03, 1, 2, 3}, {0x02, 9}, {0x07}, {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0}};
        for (byte[] b : bad) {
            LodeException e = assertThrows(LodeException.class, () -> decode(b));
            assertEquals(ErrorCode.CORRUPTION, e.code());
            assertTrue(e.getMessage().startsWith("key 'k' in sstable/1"), e.getMessage());
        }
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(LodeException.class, () -> StoredValue.blobRef(new byte[3], 0)).code());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(LodeException.class, () -> StoredValue.inline(new byte[1], -5)).code());
    }
}
