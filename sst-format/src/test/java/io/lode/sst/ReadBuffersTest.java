package io.lode.sst;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The buffers block-cache misses read into: reused, bounded, never handed to two takers at once. */
class ReadBuffersTest {
    @Test
    void aBufferGivenBackIsTheOneTheSameThreadTakesNext() {
        MemorySegment first = ReadBuffers.take(4096);
        assertTrue(first.isNative() && first.byteSize() >= 4096, "native, at least as large as asked");
        ReadBuffers.give(first);
        assertSame(first, ReadBuffers.take(1000));
        ReadBuffers.give(first);
    }

    @Test
    void buffersTakenAtOnceAreDistinctAndLargerRequestsAreNotPooled() {
        List<MemorySegment> taken = new ArrayList<>();
        for (int i = 0; i < ReadBuffers.SLOTS + 4; i++) {
            MemorySegment b = ReadBuffers.take(16 << 10);
            for (MemorySegment other : taken) {
                assertNotSame(other, b);
            }
            taken.add(b);
        }
        taken.forEach(ReadBuffers::give); // four more than the slots: those go with the collector
        assertTrue(ReadBuffers.idleBytes() <= ReadBuffers.SLOTS * ReadBuffers.MAX_BYTES,
                ReadBuffers.idleBytes() + " bytes kept idle");
        MemorySegment big = ReadBuffers.take(ReadBuffers.MAX_BYTES);
        assertTrue(big.byteSize() >= ReadBuffers.MAX_BYTES);
        ReadBuffers.give(big);
        assertNull(ReadBuffers.take(ReadBuffers.MAX_BYTES + 1), "a block larger than the pooled size gets no buffer");
        ReadBuffers.give(null);
    }
}
