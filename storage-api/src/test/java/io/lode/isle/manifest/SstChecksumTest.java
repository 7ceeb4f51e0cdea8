package io.lode.isle.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SstChecksumTest {
    @Test
    void isXxh64WithSeedZeroAsSixteenLowerCaseHexDigits() {
        // The XXH64 reference value of no bytes with seed 0.
        assertEquals("xxh64:ef46db3751d8e999", SstChecksum.of(MemorySegment.ofArray(new byte[0])));
        assertEquals("xxh64:d24ec4f1a98c6e5b", SstChecksum.of(MemorySegment.ofArray(new byte[] {'a'})));
    }

    @Test
    void heapAndNativeMemoryAndTheChunkedHashAgree() {
        byte[] bytes = new byte[100_003];
        new Random(7).nextBytes(bytes);
        MemorySegment heap = MemorySegment.ofArray(bytes);
        String expected = SstChecksum.of(heap);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment offHeap = arena.allocate(bytes.length);
            MemorySegment.copy(heap, 0, offHeap, 0, bytes.length);
            assertEquals(expected, SstChecksum.of(offHeap));
            for (int chunk : new int[] {1, 31, 4096, 1 << 20}) {
                assertEquals(expected, "xxh64:" + HexFormat.of().toHexDigits(
                        SstChecksum.streamingHash(offHeap, chunk)), "chunks of " + chunk);
            }
        }
    }

    @Test
    void aHeapSegmentOverAnotherArrayTypeHashesItsBytes() {
        long[] words = {0x0102030405060708L, -1L};
        MemorySegment asBytes = MemorySegment.ofArray(MemorySegment.ofArray(words).toArray(ValueLayout.JAVA_BYTE));
        assertEquals(SstChecksum.of(asBytes), SstChecksum.of(MemorySegment.ofArray(words)));
    }

    @Test
    void matchesComparesWithTheRecordedChecksum() {
        MemorySegment bytes = MemorySegment.ofArray(new byte[] {1, 2, 3});
        String checksum = SstChecksum.of(bytes);
        assertTrue(SstChecksum.matches(checksum, bytes));
        assertTrue(SstChecksum.matches(checksum.toUpperCase().replace("XXH64", "xxh64"), bytes));
        assertFalse(SstChecksum.matches(checksum, MemorySegment.ofArray(new byte[] {1, 2, 4})));
    }

    @Test
    void aMalformedRecordedChecksumIsCorruption() {
        MemorySegment bytes = MemorySegment.ofArray(new byte[] {1});
        for (String bad : new String[] {"", "crc32:12345678", "xxh64:123", "xxh64:zzzzzzzzzzzzzzzz", null}) {
            LodeException e = assertThrows(LodeException.class, () -> SstChecksum.matches(bad, bytes));
            assertEquals(ErrorCode.CORRUPTION, e.code(), String.valueOf(bad));
        }
    }
}
