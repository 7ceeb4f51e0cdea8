package io.lode.sst;

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
        byte[] key = InternalKey.encode(bytes("k"), 0x010203, ValueKind.SET);
        assertArrayEquals(new byte[] {'k', 0x01, 0x03, 0x02, 0x01, 0, 0, 0, 0}, key);
        assertEquals(0x010203, InternalKey.sequence(seg(key)));
        assertEquals(ValueKind.SET.code(), InternalKey.kindCode(seg(key)));
        assertArrayEquals(bytes("k"), bytes(InternalKey.userKey(seg(key))));
        assertEquals(0, InternalKey.kindCode(seg(InternalKey.encode(bytes("k"), 7, ValueKind.DELETE))));
    }

    @Test
    void comparatorOrdersUserKeysUnsignedThenNewestFirst() {
        MemorySegment a9 = seg(InternalKey.encode(bytes("a"), 9, ValueKind.SET));
        MemorySegment a3 = seg(InternalKey.encode(bytes("a"), 3, ValueKind.SET));
        MemorySegment a3del = seg(InternalKey.encode(bytes("a"), 3, ValueKind.DELETE));
        MemorySegment ab = seg(InternalKey.encode(bytes("ab"), 100, ValueKind.SET));
        MemorySegment high = seg(InternalKey.encode(new byte[] {(byte) 0x80}, 1, ValueKind.SET));
        InternalKeyComparator c = InternalKeyComparator.INSTANCE;
        assertTrue(c.compare(a9, a3) < 0);
        assertTrue(c.compare(a3, a3del) < 0);
        assertTrue(c.compare(a3del, ab) < 0);
        assertTrue(c.compare(ab, high) < 0);
        assertEquals(0, c.compare(a9, seg(InternalKey.encode(bytes("a"), 9, ValueKind.SET))));
    }

    @Test
    void keysShorterThanATrailerAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> InternalKey.userKeyLength(seg(new byte[7])));
    }
}
