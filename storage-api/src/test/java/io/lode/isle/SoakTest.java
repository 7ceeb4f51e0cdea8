package io.lode.isle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ChildJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A handle that lives for weeks uses what it used after an hour: readers of each read mode and a
 * tailing reader live beside a writer and a compactor through {@link #FLUSHES} flushes, in a child
 * JVM whose heap is committed up front (so resident memory shows growth, not heap sizing). After
 * warm-up, heap after a full collection, resident memory, open files and the cache directory stay
 * flat, and each stays within its budget.
 */
class SoakTest {
    static final int FLUSHES = Integer.getInteger("lode.test.soakFlushes", 320);
    static final int WARM = 60;
    static final long HEAP = 256L << 20;

    @TempDir
    Path dir;

    @Test
    void readersAndATailerBesideAWriterAndCompactorStayFlatThroughHundredsOfFlushes() throws IOException, InterruptedException {
        String output = ChildJvm.run(List.of("-Xms" + HEAP, "-Xmx" + HEAP, "-XX:+AlwaysPreTouch"), SoakProbe.class,
                dir.resolve("probe.out"), dir.toString(), Integer.toString(FLUSHES));
        List<Map<String, Long>> samples = ChildJvm.figures(output, "sample");
        assertEquals(FLUSHES / SoakProbe.SAMPLE_EVERY, samples.size(), output);
        Map<String, Long> warm = samples.stream().filter(s -> s.get("flushes") == WARM).findFirst().orElseThrow();
        List<Map<String, Long>> later = samples.stream().filter(s -> s.get("flushes") > WARM).toList();
        // A flushed table holds KEYS values, compressed; at most four level-0 tables and one merged run are live.
        long liveTables = 6L * SoakProbe.KEYS * SoakProbe.VALUE_BYTES;
        for (Map<String, Long> s : later) {
            String at = "after " + s.get("flushes") + " flushes: " + s + "; warm " + warm;
            assertTrue(s.get("heap") <= warm.get("heap") + (8L << 20), "heap after GC is flat, " + at);
            assertTrue(s.get("heap") <= 64L << 20, "heap after GC is within the in-memory reader's live tables and buffers, " + at);
            assertTrue(s.get("rss") <= warm.get("rss") + (64L << 20), "resident memory is flat, " + at);
            assertTrue(s.get("fds") <= warm.get("fds") + 4, "open files are flat, " + at);
            assertTrue(s.get("cache") <= SoakProbe.CACHE_BYTES + liveTables, "the cache directory is within its budget, " + at);
            assertTrue(s.get("direct") <= 4 * SoakProbe.BLOCK_CACHE_BYTES + (32L << 20),
                    "native buffers are within the block caches and the memtables, " + at);
        }
        System.out.println("soak of " + FLUSHES + " flushes:");
        samples.forEach(s -> System.out.println("  " + s));
    }
}
