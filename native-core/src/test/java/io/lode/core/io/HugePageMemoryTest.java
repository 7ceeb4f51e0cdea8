package io.lode.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HugePageMemoryTest {
    /** A C library without mmap, as on a platform that lacks it. */
    private static final NativeAdvice NOTHING = new NativeAdvice(name -> Optional.empty());

    @Test
    void aRegionIsZeroedWritableAndGoneWhenItsArenaCloses() {
        long bytes = 3 * HugePageMemory.HUGE_PAGE_BYTES + 12_345; // not a multiple of the page size
        MemorySegment region;
        try (Arena arena = Arena.ofShared()) {
            region = HugePageMemory.allocate(arena, bytes);
            assertEquals(bytes, region.byteSize());
            assertEquals(0, region.address() % 64);
            if (HugePageMemory.isAvailable()) {
                assertEquals(0, region.address() % HugePageMemory.HUGE_PAGE_BYTES, "aligned to a huge page");
            }
            for (long at = 0; at + 8 <= bytes; at += 4096) {
                assertEquals(0, region.get(ValueLayout.JAVA_LONG_UNALIGNED, at), "zeroed at " + at);
                region.set(ValueLayout.JAVA_LONG_UNALIGNED, at, at + 1);
            }
            region.set(ValueLayout.JAVA_BYTE, bytes - 1, (byte) 7);
            for (long at = 0; at + 8 <= bytes; at += 4096) {
                assertEquals(at + 1, region.get(ValueLayout.JAVA_LONG_UNALIGNED, at));
            }
            assertEquals(7, region.get(ValueLayout.JAVA_BYTE, bytes - 1));
        }
        assertFalse(region.scope().isAlive());
    }

    @Test
    void withoutMmapTheArenaAllocates() {
        assertFalse(NOTHING.canMapMemory());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment region = HugePageMemory.allocate(NOTHING, arena, 100_000);
            assertEquals(100_000, region.byteSize());
            assertEquals(0, region.get(ValueLayout.JAVA_LONG, 99_992));
            region.set(ValueLayout.JAVA_LONG, 99_992, -1L);
            assertEquals(-1L, region.get(ValueLayout.JAVA_LONG, 99_992));
        }
    }

    @Test
    void closingTheArenaUnmapsTheRegion() throws IOException {
        assumeTrue(HugePageMemory.isAvailable(), "mmap is used (Linux)");
        long mappingsBefore = mappings();
        for (int i = 0; i < 2_000; i++) {
            try (Arena arena = Arena.ofShared()) {
                MemorySegment region = HugePageMemory.allocate(arena, 8L << 20);
                region.set(ValueLayout.JAVA_LONG, (8L << 20) - 8, i);
                assertEquals(i, region.get(ValueLayout.JAVA_LONG, (8L << 20) - 8));
            }
        }
        // Unreleased regions would leave about 2,000 more mappings behind.
        assertTrue(mappings() < mappingsBefore + 200, mappingsBefore + " mappings before, " + mappings() + " after");
    }

    private static long mappings() throws IOException {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.count();
        }
    }

    @Test
    void anEmptyRegionIsRefused() {
        try (Arena arena = Arena.ofConfined()) {
            assertThrows(IllegalArgumentException.class, () -> HugePageMemory.allocate(arena, 0));
        }
    }

    @Test
    void theSystemCanMapMemoryOnLinux() {
        boolean linux = System.getProperty("os.name").toLowerCase().startsWith("linux");
        assertEquals(linux, HugePageMemory.isAvailable(), "mmap and madvise are found on Linux");
        assertTrue(!linux || NativeAdvice.SYSTEM.canMapMemory());
    }
}
