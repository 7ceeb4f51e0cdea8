package io.lode.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedFileTest {
    @TempDir
    Path dir;

    private Path fileOf(byte[] content) throws IOException {
        return Files.write(dir.resolve("file.sst"), content);
    }

    @Test
    void mapsTheWholeFileReadOnly() throws IOException {
        byte[] content = new byte[3 * 4096 + 17];
        new Random(1).nextBytes(content);
        try (MappedFile file = MappedFile.openReadOnly(fileOf(content))) {
            assertEquals(content.length, file.byteSize());
            assertArrayEquals(content, file.segment().toArray(ValueLayout.JAVA_BYTE));
            assertTrue(file.segment().isReadOnly());
            assertThrows(IllegalArgumentException.class, () -> file.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 1));
        }
    }

    @Test
    void closeUnmapsAndIsIdempotent() throws IOException {
        MappedFile file = MappedFile.openReadOnly(fileOf(new byte[] {1, 2, 3}));
        MemorySegment segment = file.segment();
        file.close();
        assertFalse(file.isOpen());
        assertFalse(segment.scope().isAlive());
        assertThrows(IllegalStateException.class, () -> segment.get(ValueLayout.JAVA_BYTE, 0));
        assertThrows(IllegalStateException.class, () -> file.advise(AccessAdvice.RANDOM));
        file.close();
    }

    @Test
    void anEmptyFileMapsToAnEmptySegment() throws IOException {
        try (MappedFile file = MappedFile.openReadOnly(fileOf(new byte[0]))) {
            assertEquals(0, file.byteSize());
            assertFalse(file.advise(AccessAdvice.WILL_NEED), "nothing to advise on");
        }
    }

    @Test
    void aMissingFileIsAnIOException() {
        assertThrows(NoSuchFileException.class, () -> MappedFile.openReadOnly(dir.resolve("absent")));
    }

    @Test
    void theKernelAcceptsAdviceOnTheMappingAndItsSubranges() throws IOException {
        assumeTrue(NativeAdvice.SYSTEM.canAdviseMemory(), "madvise is available");
        byte[] content = new byte[5 * 4096];
        try (MappedFile file = MappedFile.openReadOnly(fileOf(content))) {
            for (AccessAdvice advice : AccessAdvice.values()) {
                assertTrue(file.advise(advice), advice.name());
            }
            // An unaligned subrange is widened to its page, which lies inside the mapping.
            assertTrue(file.advise(4096 + 100, 50, AccessAdvice.RANDOM));
            assertArrayEquals(content, file.segment().toArray(ValueLayout.JAVA_BYTE), "advice never changes data");
            assertThrows(IndexOutOfBoundsException.class, () -> file.advise(4096, 5 * 4096, AccessAdvice.RANDOM));
        }
    }
}
