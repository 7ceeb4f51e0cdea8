package io.lode.sst;

import io.lode.core.key.EntryKind;
import io.lode.sst.format.InternalKey;
import io.lode.sst.format.InternalKeyComparator;
import static io.lode.sst.Tables.bytes;
import static io.lode.sst.Tables.seg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class InternalKeyTest {
    @Test
    void trailerIsLittleEndianSequenceShiftedLeftByEightOrKind() {
        byte[] key = InternalKey.encode(bytes("k"), 0x010203, EntryKind.SET);
        assertArrayEquals(new byte[] {'k', 0x01, 0x03, 0x02, 0x01, 0, 0, 0, 0}, key);
        assertEquals(0x010203, InternalKey.sequence(seg(key)));
        assertEquals(EntryKind.SET.code(), InternalKey.kindCode(seg(key)));
        assertArrayEquals(bytes("k"), bytes(InternalKey.userKey(seg(key))));
        assertEquals(0, InternalKey.kindCode(seg(InternalKey.encode(bytes("k"), 7, EntryKind.DELETE))));
    }

    @Test
    void comparatorOrdersUserKeysUnsignedThenNewestFirst() {
        MemorySegment a9 = seg(InternalKey.encode(bytes("a"), 9, EntryKind.SET));
        MemorySegment a3 = seg(InternalKey.encode(bytes("a"), 3, EntryKind.SET));
        MemorySegment a3del = seg(InternalKey.encode(bytes("a"), 3, EntryKind.DELETE));
        MemorySegment ab = seg(InternalKey.encode(bytes("ab"), 100, EntryKind.SET));
        MemorySegment high = seg(InternalKey.encode(new byte[] {(byte) 0x80}, 1, EntryKind.SET));
        InternalKeyComparator c = InternalKeyComparator.INSTANCE;
        assertTrue(c.compare(a9, a3) < 0);
        assertTrue(c.compare(a3, a3del) < 0);
        assertTrue(c.compare(a3del, ab) < 0);
        assertTrue(c.compare(ab, high) < 0);
        assertEquals(0, c.compare(a9, seg(InternalKey.encode(bytes("a"), 9, EntryKind.SET))));
    }

    @Test
    void keysShorterThanATrailerAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> InternalKey.userKeyLength(seg(new byte[7])));
    }

    @Test
    void arrayAndSegmentComparisonsAgree() {
        java.util.Random random = new java.util.Random(9);
        for (int i = 0; i < 10_000; i++) {
            byte[] a = InternalKey.encode(randomKey(random), random.nextInt(4), EntryKind.SET);
            byte[] b = InternalKey.encode(randomKey(random), random.nextInt(4), EntryKind.DELETE);
            int bySegment = Integer.signum(InternalKeyComparator.INSTANCE.compare(seg(a), seg(b)));
            int byArray = Integer.signum(InternalKeyComparator.compare(a, 0, a.length, b, 0, b.length));
            assertEquals(bySegment, byArray);
        }
    }

    private static byte[] randomKey(java.util.Random random) {
        byte[] key = new byte[random.nextInt(4)];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (random.nextBoolean() ? 0xFF : random.nextInt(3));
        }
        return key;
    }
}
