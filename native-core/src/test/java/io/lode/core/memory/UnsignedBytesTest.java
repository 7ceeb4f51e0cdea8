package io.lode.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnsignedBytesTest {
    private static int sign(int v) {
        return Integer.signum(v);
    }

    @Test
    void bytesCompareUnsignedAndPrefixesSortFirst() {
        byte[][] ordered = {
            {}, {0x00}, {0x00, 0x00}, {0x01}, {0x7F}, {(byte) 0x80}, {(byte) 0xFF}, {(byte) 0xFF, 0x00}
        };
        for (int i = 0; i < ordered.length; i++) {
            for (int j = 0; j < ordered.length; j++) {
                int expected = Integer.compare(i, j);
                MemorySegment a = MemorySegment.ofArray(ordered[i]);
                MemorySegment b = MemorySegment.ofArray(ordered[j]);
                assertEquals(expected, sign(UnsignedBytes.compare(a, b)), i + " vs " + j);
                assertEquals(expected, sign(UnsignedBytes.compare(ordered[i], ordered[j])));
            }
        }
    }

    @Test
    void agreesWithArraysCompareUnsignedOnRandomLongKeys() {
        Random rnd = new Random(7);
        for (int n = 0; n < 5_000; n++) {
            byte[] a = new byte[rnd.nextInt(200)];
            rnd.nextBytes(a);
            byte[] b = rnd.nextBoolean() ? a.clone() : new byte[rnd.nextInt(200)];
            if (b.length > 0 && rnd.nextBoolean()) {
                b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
            }
            // embed in larger segments to exercise the offset arithmetic
            MemorySegment sa = MemorySegment.ofArray(concat(new byte[3], a));
            MemorySegment sb = MemorySegment.ofArray(concat(new byte[11], b));
            assertEquals(sign(Arrays.compareUnsigned(a, b)),
                    sign(UnsignedBytes.compare(sa, 3, 3 + a.length, sb, 11, 11 + b.length)));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
