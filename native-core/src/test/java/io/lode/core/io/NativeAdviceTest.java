package io.lode.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeAdviceTest {
    @TempDir
    Path dir;

    /** A C library without any of the symbols, as on a platform that lacks them. */
    private static final SymbolLookup NOTHING = name -> Optional.empty();

    @Test
    void missingSymbolsMakeAdviceANoOp() throws IOException {
        NativeAdvice none = new NativeAdvice(NOTHING);
        Path file = Files.write(dir.resolve("f"), new byte[4096]);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocate(4096, 4096);
            assertFalse(none.canAdviseMemory());
            assertFalse(none.canAdviseFiles());
            assertFalse(none.adviseMemory(memory, AccessAdvice.RANDOM));
            assertFalse(none.adviseFile(file, 0, 0, AccessAdvice.DONT_NEED));
            assertEquals(4096, none.pageSize(), "the fallback page size");
        }
    }

    @Test
    void theSystemLibraryReportsAPowerOfTwoPageSize() {
        long pageSize = NativeAdvice.SYSTEM.pageSize();
        assertTrue(pageSize >= 4096 && Long.bitCount(pageSize) == 1, "page size " + pageSize);
    }

    @Test
    void fileAdviceReachesTheKernelOrReportsFailure() throws IOException {
        assumeTrue(PageCache.isAdviceAvailable(), "posix_fadvise is available (Linux)");
        Path file = Files.write(dir.resolve("cache.sst"), new byte[64 * 1024]);
        for (AccessAdvice advice : AccessAdvice.values()) {
            assertTrue(PageCache.advise(file, 0, 0, advice), advice.name());
        }
        assertTrue(PageCache.advise(file, 4096, 8192, AccessAdvice.WILL_NEED));
        assertFalse(PageCache.advise(dir.resolve("absent"), 0, 0, AccessAdvice.WILL_NEED));
    }
}
