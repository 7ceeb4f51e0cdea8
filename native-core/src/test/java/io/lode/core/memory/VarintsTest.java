package io.lode.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class VarintsTest {
    @Test
    void roundTripsBoundaryValues() {
        long[] values = {0, 1, 127, 128, 16_383, 16_384, (1L << 21) - 1, 1L << 21, Integer.MAX_VALUE,
            0xFFFF_FFFFL, 1L << 35, Long.MAX_VALUE, -1L, Long.MIN_VALUE};
        MemorySegment seg = MemorySegment.ofArray(new byte[16]);
        for (long v : values) {
            long end = Varints.write(seg, 2, v);
            assertEquals(Varints.encodedLength(v), end - 2, "length of " + v);
            assertEquals(end - 2, Varints.lengthAt(seg, 2, end, Varints.MAX_VARINT64_BYTES));
            assertEquals(v, Varints.read64(seg, 2, end));
            if (v >= 0 && v <= 0xFFFF_FFFFL) {
                assertEquals((int) v, Varints.read32(seg, 2, end));
            }
        }
    }

    @Test
    void knownEncodings() {
        MemorySegment seg = MemorySegment.ofArray(new byte[10]);
        assertEquals(2, Varints.write(seg, 0, 300));
        assertEquals((byte) 0xAC, seg.get(Layouts.U8, 0));
        assertEquals((byte) 0x02, seg.get(Layouts.U8, 1));
        assertEquals(10, Varints.encodedLength(-1L));
        assertEquals(1, Varints.encodedLength(0));
    }

    @Test
    void truncatedOverlongAndOverflowingInputIsRejected() {
        MemorySegment cont = MemorySegment.ofArray(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80});
        assertThrows(MalformedVarintException.class, () -> Varints.read64(cont, 0, 3));
        assertThrows(MalformedVarintException.class, () -> Varints.read64(cont, 0, 0));

        byte[] six = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};
        assertThrows(MalformedVarintException.class,
                () -> Varints.read32(MemorySegment.ofArray(six), 0, six.length));

        byte[] too32 = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x1F};
        assertThrows(MalformedVarintException.class,
                () -> Varints.read32(MemorySegment.ofArray(too32), 0, too32.length));

        byte[] too64 = new byte[10];
        java.util.Arrays.fill(too64, (byte) 0xFF);
        too64[9] = 0x02;
        assertThrows(MalformedVarintException.class,
                () -> Varints.read64(MemorySegment.ofArray(too64), 0, too64.length));
    }
}
