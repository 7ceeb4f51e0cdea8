package io.lode.isle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.Lode;
import io.lode.LodeConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader that lives beside a writer rewriting the same keys and a compactor merging them holds
 * the tables of its current view and no others: a table that leaves the view is released once the
 * reads that started on it end, so the cache directory stays within its budget however long the
 * reader lives, and a cursor still reads what it started on.
 */
class LongLivedReaderTest {
    private static final int KEYS = 200;
    private static final int VALUE_BYTES = 1024;
    /** A flushed table is about KEYS * VALUE_BYTES; the budget holds a few of them. */
    private static final long CACHE_BYTES = 1L << 20;

    @TempDir
    Path cacheDir;

    private LodeConnection connection;
    private IsleDB db;

    @BeforeEach
    void open() {
        connection = Lode.connect("lode:mem:long-lived-" + UUID.randomUUID());
        db = connection.isle("db");
    }

    @AfterEach
    void close() {
        connection.close();
    }

    private static byte[] key(int i) {
        return String.format("key-%05d", i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int round, int i) {
        byte[] v = new byte[VALUE_BYTES];
        new java.util.Random(round * 31L + i).nextBytes(v); // incompressible: a table's size is its values'
        byte[] tag = (round + "/" + i).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(tag, 0, v, 0, tag.length);
        return v;
    }

    private long directoryBytes() throws IOException {
        try (Stream<Path> files = Files.list(cacheDir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void rewriteAll(IsleWriter w, int round) {
        for (int i = 0; i < KEYS; i++) {
            w.put(key(i), value(round, i));
        }
        w.flush();
    }

    @Test
    void theCacheDirectoryStaysWithinItsBudgetThroughHundredsOfFlushesAndCompactions() throws IOException {
        ReaderOptions options = ReaderOptions.defaults().withCacheDir(cacheDir).withCacheBytes(CACHE_BYTES);
        long largest = 0;
        try (IsleWriter w = db.openWriter(WriterOptions.defaults().withFlushInterval(Duration.ZERO));
             Compactor compactor = db.openCompactor(CompactorOptions.defaults().withInterval(Duration.ZERO).withL0Threshold(4));
             IsleReader reader = db.openReader(options)) {
            for (int round = 0; round < 150; round++) {
                rewriteAll(w, round);
                if (round % 4 == 3) {
                    compactor.runOnce();
                }
                reader.refresh();
                for (int i = 0; i < KEYS; i += 17) {
                    assertArrayEquals(value(round, i), reader.get(key(i)), "round " + round);
                }
                largest = Math.max(largest, directoryBytes());
            }
        }
        // At most four level-0 tables and one merged run (a table each) are live; what is unreferenced is within budget.
        long live = 6L * KEYS * (VALUE_BYTES + 64);
        assertTrue(largest <= CACHE_BYTES + live, "the cache directory reached " + largest + " bytes; budget "
                + CACHE_BYTES + " plus at most " + live + " live");
    }

    @Test
    void aCursorKeepsReadingTheTablesItStartedOnAndReleasesThemWhenClosed() throws IOException {
        ReaderOptions options = ReaderOptions.defaults().withCacheDir(cacheDir).withCacheBytes(0);
        try (IsleWriter w = db.openWriter(WriterOptions.defaults().withFlushInterval(Duration.ZERO));
             Compactor compactor = db.openCompactor(CompactorOptions.defaults().withInterval(Duration.ZERO).withL0Threshold(2));
             IsleReader reader = db.openReader(options)) {
            rewriteAll(w, 0);
            rewriteAll(w, 1);
            reader.refresh();
            try (Cursor c = reader.scan(null, null)) {
                assertTrue(c.next());
                long pinned = directoryBytes();
                assertTrue(pinned > 0, "the cursor's tables are in the cache");
                rewriteAll(w, 2);
                assertTrue(compactor.runOnce(), "the compaction replaces the tables the cursor reads");
                reader.refresh();
                int seen = 1;
                while (c.next()) {
                    assertArrayEquals(value(1, seen), c.value(), "the cursor reads the view it started on");
                    seen++;
                }
                assertEquals(KEYS, seen);
                assertArrayEquals(value(2, 5), reader.get(key(5)), "new reads see the new view");
            }
            // With a budget of zero, only the tables of the current view may stay.
            long afterClose = directoryBytes();
            long oneRun = 2L * KEYS * (VALUE_BYTES + 64);
            assertTrue(afterClose <= oneRun, "released tables were deleted: " + afterClose + " bytes left");
        }
    }
}
