package io.lode.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = dir.resolve("probe.out");
        Process p = new ProcessBuilder(List.of(java, "-Xmx" + HEAP, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), BoundedMemoryProbe.class.getName(),
                dir.toString(), Long.toString(BLOB_BYTES), Long.toString(RECORDS)))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the probe finished");
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        long peak = Long.parseLong(output.lines().filter(l -> l.startsWith("peak-heap-bytes=")).findFirst().orElseThrow()
                .split(" ")[0].substring("peak-heap-bytes=".length()));
        assertTrue(peak < HEAP, "peak heap " + peak);
        System.out.println("streamed " + BLOB_BYTES + " bytes and " + RECORDS + " records; peak heap " + (peak >> 20) + " MiB");
    }
}
