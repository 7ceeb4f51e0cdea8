package io.lode.dataset;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ChildJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming runs in constant memory: a child JVM with a 256 MiB heap streams a blob far larger than
 * its heap in and back out (verifying its MD5), and a million records in, and reports its peak heap use.
 */
class BoundedMemoryTest {
    /** 5 GiB, twenty times the heap, written and read back (about 40 s on a local disk); -Dlode.test.blobBytes=... for a quicker run. */
    static final long BLOB_BYTES = Long.getLong("lode.test.blobBytes", 5L << 30);
    static final long RECORDS = 1_000_000;
    static final long HEAP = 256L << 20;

    @TempDir
    Path dir;

    @Test
    void aBlobLargerThanTheHeapAndAMillionRecordsStreamInBoundedMemory() throws IOException, InterruptedException {
        String output = ChildJvm.run(List.of("-Xmx" + HEAP), BoundedMemoryProbe.class, dir.resolve("probe.out"),
                dir.toString(), Long.toString(BLOB_BYTES), Long.toString(RECORDS));
        long peak = ChildJvm.figures(output, "figures").getFirst().get("peak-heap-bytes");
        assertTrue(peak < HEAP, "peak heap " + peak);
        System.out.println("streamed " + BLOB_BYTES + " bytes and " + RECORDS + " records; peak heap " + (peak >> 20) + " MiB");
    }
}
