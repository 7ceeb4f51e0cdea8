package io.lode.isle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ChildJvm;
import io.lode.Lode;
import io.lode.LodeConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A default reader's memory follows its budgets, not the database: in a child JVM with a 1 GiB
 * heap it serves random gets from a database three times that size, checking every value.
 */
class LargeDatabaseReaderTest {
    static final long HEAP = 1L << 30;
    /** 3 GiB of incompressible values (about 40 s to write on a local disk); -Dlode.test.largeDatabaseBytes=... for a quicker run. */
    static final long DATABASE_BYTES = Long.getLong("lode.test.largeDatabaseBytes", 3L << 30);
    static final int GETS = 20_000;

    @TempDir
    Path dir;

    @Test
    void aDefaultReaderWithA1GiBHeapServesRandomGetsFromA3GiBDatabase() throws IOException, InterruptedException {
        long keys = DATABASE_BYTES / LargeDatabaseProbe.VALUE_BYTES;
        try (LodeConnection c = Lode.connect("lode:" + dir.toUri());
             IsleWriter w = c.isle("large").openWriter(WriterOptions.defaults().withFlushInterval(Duration.ZERO))) {
            long pending = 0;
            for (long i = 0; i < keys; i++) {
                w.put(LargeDatabaseProbe.key(i), LargeDatabaseProbe.value(i));
                pending += LargeDatabaseProbe.VALUE_BYTES;
                if (pending >= 48L << 20) {
                    w.flush();
                    pending = 0;
                }
            }
            w.flush();
        }
        long stored;
        try (Stream<Path> files = Files.walk(dir.resolve("large"))) {
            stored = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(stored >= 2 * HEAP, "the database (" + stored + " bytes) is several times the heap");

        String output = ChildJvm.run(List.of("-Xmx" + HEAP), LargeDatabaseProbe.class, dir.resolve("probe.out"),
                dir.toString(), Long.toString(keys), Integer.toString(GETS));
        Map<String, Long> figures = ChildJvm.figures(output, "figures").getFirst();
        assertTrue(figures.get("peak-heap-bytes") < HEAP, output);
        // Heap, the 256 MiB block cache and the JVM's own: well under the database, which a default reader used to load.
        assertTrue(figures.get("peak-rss-bytes") < stored / 2, output);
        System.out.println("database " + (stored >> 20) + " MiB; " + output.strip());
    }
}
