package io.lode.isle;

import static io.lode.LodeAssertions.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.spi.InstrumentedStore;
import io.lode.spi.ListedObject;
import io.lode.spi.ObjectBody;
import io.lode.spi.PutMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IsleBehaviourTest {
    private LodeConnection connection;
    private InstrumentedStore store;
    private IsleDB db;

    private static final WriterOptions OPTIONS = WriterOptions.defaults().withFlushInterval(Duration.ZERO);

    @BeforeEach
    void open() {
        connection = Lode.connect("lode:mem:isle-" + UUID.randomUUID());
        store = new InstrumentedStore(connection.store());
        db = IsleDB.onStore(store, "db/", IsleOptions.defaults().withCurrentEvery(1_000).withSnapshotEvery(1_000));
    }

    @AfterEach
    void close() {
        connection.close();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSteadyStateFlushIsTwoRequestsAndAnIdleRefreshOne() {
        try (IsleWriter w = db.openWriter(OPTIONS); IsleReader r = db.openReader(ReaderOptions.defaults())) {
            w.put(b("a"), b("1"));
            w.flush();
            for (int i = 0; i < 5; i++) {
                w.put(b("k" + i), b("v" + i));
                long before = store.total();
                CommitInfo info = w.flush();
                assertEquals(2, store.total() - before, "one SST and one log entry");
                assertEquals(1, info.sstIds().size());
            }
            r.refresh();
            long before = store.total();
            assertFalse(r.refresh());
            assertEquals(1, store.total() - before);
            assertEquals(0, store.count("list"));
            assertArrayEquals(b("v4"), r.get(b("k4")));
        }
    }

    @Test
    void aFullMemtableIsFlushedAtOnceNotAtTheNextInterval() throws InterruptedException {
        // An interval no test outlives: only the wake on a full memtable can flush.
        WriterOptions hourly = WriterOptions.defaults().withFlushInterval(Duration.ofHours(1))
                .withMemtableBytes(64 << 10).withMaxImmutableMemtables(1).withBlobThreshold(16 << 10).withMaxKeyBytes(1024);
        byte[] value = new byte[1000];
        long deadline = System.nanoTime() + 30_000_000_000L;
        int written = 0;
        try (IsleWriter w = db.openWriter(hourly)) {
            // About 60 entries fill a memtable: 1,000 entries pass through a dozen or more of them,
            // which the one frozen slot allows only if full memtables are flushed as they fill.
            while (written < 1_000) {
                try {
                    w.put(b(String.format("k%05d", written)), value);
                    written++;
                } catch (LodeException e) {
                    assertEquals(ErrorCode.BACKPRESSURE, e.code());
                    assertTrue(System.nanoTime() < deadline, "no flush freed a memtable in 30 s");
                    Thread.sleep(1);
                }
            }
            try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
                assertArrayEquals(value, r.get(b("k00000")), "the first memtable was published without flush()");
            }
        }
    }

    @Test
    void aReaderRestartedOverAWarmCacheDirectoryDownloadsNoTableAgain(@org.junit.jupiter.api.io.TempDir java.nio.file.Path cacheDir) {
        try (IsleWriter w = db.openWriter(OPTIONS)) {
            for (int i = 0; i < 3; i++) {
                w.put(b("k" + i), b("v" + i));
                w.flush();
            }
        }
        ReaderOptions cached = ReaderOptions.defaults().withCacheDir(cacheDir);
        store.reset();
        try (IsleReader r = db.openReader(cached)) {
            assertEquals(0, store.count("openStream"), "tables are opened when first needed");
            assertArrayEquals(b("v2"), r.get(b("k2")));
            assertEquals(1, store.count("openStream"), "a get opens only the tables whose range holds its key");
            assertEquals(3, r.scan(null, null, 10).size());
        }
        assertEquals(3, store.count("openStream"), "the first reader downloads each table once");
        store.reset();
        try (IsleReader r = db.openReader(cached)) {
            assertArrayEquals(b("v0"), r.get(b("k0")));
            assertEquals(3, r.scan(null, null, 10).size());
        }
        assertEquals(0, store.count("openStream"), "a restarted reader downloads nothing again");
    }

    @Test
    void rangeReadModeAnswersLikeAFullDownloadWithoutDownloadingTables() {
        try (IsleWriter w = db.openWriter(OPTIONS.withBlockBytes(1024))) {
            for (int i = 0; i < 5_000; i++) {
                w.put(b(String.format("key-%05d", i)), b("value-" + i));
            }
            w.flush();
            w.put(b("key-00042"), b("newer"));
            w.flush();
        }
        store.reset();
        try (IsleReader r = db.openReader(ReaderOptions.defaults().withRangeReads(8 << 20))) {
            assertArrayEquals(b("newer"), r.get(b("key-00042")));
            assertArrayEquals(b("value-4999"), r.get(b("key-04999")));
            assertNull(r.get(b("key-99999")));
            assertEquals(3, r.scan(b("key-00100"), b("key-00102"), 10).size());
        }
        assertEquals(0, store.count("openStream"));
        assertTrue(store.count("getRange") > 0);
        try (IsleReader full = db.openReader(ReaderOptions.defaults().withTablesInMemory());
                IsleReader ranged = db.openReader(ReaderOptions.defaults().withRangeReads(8 << 20))) {
            assertEquals(full.scan(null, null, Integer.MAX_VALUE), ranged.scan(null, null, Integer.MAX_VALUE));
        }
    }

    @Test
    void aColdOpenAfterAThousandFlushesReadsCurrentOneSnapshotAndFewerThan81LogEntries() {
        IsleDB defaults = IsleDB.onStore(store, "cold/", IsleOptions.defaults());
        try (IsleWriter w = defaults.openWriter(OPTIONS)) {
            for (int i = 0; i < 1_000; i++) {
                w.put(b("k" + i), b("v" + i));
                w.flush();
            }
        }
        store.reset();
        try (IsleReader r = defaults.openReader(ReaderOptions.defaults())) {
            // CURRENT, its snapshot, the entries after it, and the read that finds the end; no table yet
            int gets = store.count("get");
            assertTrue(gets - 3 < 81, gets + " reads");
            assertEquals(0, store.count("list"));
            assertArrayEquals(b("v999"), r.get(b("k999")));
        }
    }

    @Test
    void keysAndValuesMayBeMemorySegments() {
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined(); IsleWriter w = db.openWriter(OPTIONS)) {
            java.lang.foreign.MemorySegment key = arena.allocateFrom("native-key");
            java.lang.foreign.MemorySegment value = arena.allocateFrom("native-value");
            w.put(key, value);
            w.put(arena.allocateFrom("ttl"), value, Duration.ofHours(1));
            w.put(arena.allocateFrom("gone"), value);
            w.delete(arena.allocateFrom("gone"));
            w.flush();
            try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
                assertArrayEquals(value.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), r.get(key));
                assertArrayEquals(value.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), r.get(arena.allocateFrom("ttl")));
                assertNull(r.get(arena.allocateFrom("gone")));
            }
            assertFails(ErrorCode.INVALID_ARGUMENT, () -> w.put(java.lang.foreign.MemorySegment.ofArray(new byte[0]), value));
        }
    }

    @Test
    void theNewestVersionWinsWhateverTableHoldsIt() {
        try (IsleWriter w = db.openWriter(OPTIONS)) {
            w.put(b("k"), b("v1"));
            w.flush();
            w.put(b("k"), b("v2"));
            w.put(b("other"), b("x"));
            w.flush();
            w.delete(b("k"));
            w.flush();
            w.put(b("k"), b("v4"));
            w.put(b("k"), b("v5"));
            w.flush();
            w.flush(); // nothing to flush: no new table
        }
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            assertArrayEquals(b("v5"), r.get(b("k")));
            assertArrayEquals(b("x"), r.get(b("other")));
            assertNull(r.get(b("absent")));
            assertEquals(List.of(new KeyValue(b("k"), b("v5")), new KeyValue(b("other"), b("x"))), r.scan(null, null, 10));
        }
    }

    @Test
    void aSecondWriterFencesTheFirstWhoseUnflushedDataNeverAppears() {
        IsleWriter first = db.openWriter(OPTIONS);
        first.put(b("a"), b("from first"));
        CommitInfo firstFlush = first.flush();
        first.put(b("b"), b("never published"));

        IsleWriter second = db.openWriter(OPTIONS);
        assertFails(ErrorCode.FENCED, first::flush);
        assertFails(ErrorCode.FENCED, () -> first.put(b("c"), b("x")));
        // A fenced writer releases its memory without flushing, and names what it could not commit.
        UncommittedWritesException lost = org.junit.jupiter.api.Assertions.assertThrows(UncommittedWritesException.class, first::close);
        assertEquals(ErrorCode.FENCED, lost.code());
        assertEquals(firstFlush.maxSequence() + 1, lost.firstSequence());
        assertEquals(lost.firstSequence(), lost.lastSequence(), "the one put after the flush");

        second.put(b("d"), b("from second"));
        CommitInfo secondFlush = second.flush();
        assertTrue(secondFlush.maxSequence() > firstFlush.maxSequence(), "sequence numbers continue above the first writer's");
        assertTrue(secondFlush.sstIds().stream().noneMatch(firstFlush.sstIds()::contains));
        second.close();
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            assertEquals(List.of(new KeyValue(b("a"), b("from first")), new KeyValue(b("d"), b("from second"))), r.scan(null, null, 10));
        }
    }

    @Test
    void expiredValuesReadAsDeletedAndHideOlderVersions() {
        MovableClock clock = new MovableClock();
        IsleDB db = IsleDB.onStore(store, "db/", IsleOptions.defaults().withClock(clock));
        try (IsleWriter w = db.openWriter(OPTIONS)) {
            w.put(b("k"), b("old"));
            w.flush();
            w.put(b("k"), b("short-lived"), Duration.ofMinutes(1));
            w.put(b("long"), b("lives"), Duration.ofDays(3650));
            w.put(b("forever"), b("v"), Duration.ofSeconds(Long.MAX_VALUE / 1000));
            w.flush();
        }
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            assertArrayEquals(b("short-lived"), r.get(b("k")), "a TTL runs by the database's clock, not before");
        }
        clock.advance(Duration.ofMinutes(2));
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            assertNull(r.get(b("k")));
            assertArrayEquals(b("lives"), r.get(b("long")));
            assertArrayEquals(b("v"), r.get(b("forever")));
            assertEquals(2, r.scan(null, null, 10).size());
        }
    }

    @Test
    void largeValuesAreStoredAsBlobsAndReadBack() {
        byte[] big = new byte[300 << 10];
        big[big.length - 1] = 7;
        try (IsleWriter w = db.openWriter(OPTIONS)) {
            w.put(b("big"), big);
            w.put(b("small"), b("s"));
        }
        List<ListedObject> blobs = connection.store().list("db/blobs/").toList();
        assertEquals(1, blobs.size());
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            assertArrayEquals(big, r.get(b("big")));
            try (Cursor c = r.scan(b("big"), b("big"))) {
                assertTrue(c.next());
                assertArrayEquals(big, c.value());
                assertFalse(c.next());
            }
        }
    }

    @Test
    void anOpenCursorKeepsItsViewAcrossARefresh() {
        try (IsleWriter w = db.openWriter(OPTIONS); IsleReader r = db.openReader(ReaderOptions.defaults())) {
            w.put(b("a"), b("1"));
            w.put(b("b"), b("2"));
            w.flush();
            r.refresh();
            try (Cursor c = r.scan(null, null)) {
                assertTrue(c.next());
                w.delete(b("b"));
                w.put(b("c"), b("3"));
                w.flush();
                assertTrue(r.refresh());
                assertTrue(c.next());
                assertArrayEquals(b("b"), c.key());
                assertFalse(c.next());
            }
            assertEquals(List.of(new KeyValue(b("a"), b("1")), new KeyValue(b("c"), b("3"))), r.scan(null, null, 10));
        }
    }

    @Test
    void aWriteThatFindsEveryMemtableFullWaitsForAFlushInsteadOfFailing() {
        WriterOptions tiny = OPTIONS.withMemtableBytes(64 << 10).withMaxImmutableMemtables(1).withMaxKeyBytes(1024).withBlobThreshold(16 << 10);
        try (IsleWriter w = db.openWriter(tiny)) {
            // No background flusher: the writing thread flushes when it finds no room.
            for (int i = 0; i < 2_000; i++) {
                w.put(b("key-" + i), new byte[500]);
            }
            assertTrue(w.stalledTime().compareTo(Duration.ZERO) > 0, "the waits are counted");
            assertTrue(w.committedSequence() > 0, "the stalls flushed");
        }
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            assertEquals(2_000, r.scan(null, null, Integer.MAX_VALUE).size(), "every write was kept");
        }
    }

    @Test
    void aWriterAskedToFailFastGetsBackpressureWhenEveryMemtableIsFull() {
        WriterOptions tiny = OPTIONS.withMemtableBytes(64 << 10).withMaxImmutableMemtables(1).withMaxKeyBytes(1024).withBlobThreshold(16 << 10)
                .withStallTimeout(Duration.ZERO);
        try (IsleWriter w = db.openWriter(tiny)) {
            LodeException e = assertThrows(LodeException.class, () -> {
                for (int i = 0; i < 100_000; i++) {
                    w.put(b("key-" + i), new byte[500]);
                }
            });
            assertEquals(ErrorCode.BACKPRESSURE, e.code());
            assertTrue(e.retryable());
            w.flush();
            w.put(b("after"), b("flush"));
        }
    }


    @Test
    void putsFromSeveralThreadsAcrossRotationsAndFlushesAreAllThereAfterTheLastFlush() throws Exception {
        // Threads take sequence numbers under the writer's lock but link their entries after it:
        // rotations and flushes must wait for those links, or entries would be lost or half-built.
        WriterOptions small = OPTIONS.withMemtableBytes(256 << 10).withMaxImmutableMemtables(10_000).withMaxKeyBytes(1024)
                .withBlobThreshold(16 << 10);
        int threads = 4;
        int perThread = 5_000;
        try (IsleWriter w = db.openWriter(small)) {
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            List<Thread> writers = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                writers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perThread; i++) {
                        w.put(b("t" + id + "-" + i), b("v" + id + "-" + i));
                    }
                }));
            }
            Thread flusher = Thread.ofPlatform().start(() -> {
                while (!done.get()) {
                    w.flush();
                }
            });
            for (Thread writer : writers) {
                writer.join();
            }
            done.set(true);
            flusher.join();
            w.flush();
        }
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < perThread; i++) {
                    assertArrayEquals(b("v" + t + "-" + i), r.get(b("t" + t + "-" + i)), "t" + t + "-" + i);
                }
            }
            int count = 0;
            try (Cursor c = r.scan(null, null)) {
                while (c.next()) {
                    count++;
                }
            }
            assertEquals(threads * perThread, count);
        }
    }

    @Test
    void aSegmentOfAClosedOrForeignArenaIsBadInputAndTheWriterGoesOn() throws Exception {
        try (IsleWriter w = db.openWriter(OPTIONS)) {
            java.lang.foreign.MemorySegment closed;
            try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
                closed = arena.allocate(8);
            }
            java.lang.foreign.MemorySegment value = java.lang.foreign.MemorySegment.ofArray(b("v"));
            assertFails(ErrorCode.INVALID_ARGUMENT, () -> w.put(closed, value));
            assertFails(ErrorCode.INVALID_ARGUMENT, () -> w.put(java.lang.foreign.MemorySegment.ofArray(b("k")), closed));
            try (java.lang.foreign.Arena confined = java.lang.foreign.Arena.ofConfined()) {
                java.lang.foreign.MemorySegment mine = confined.allocate(8);
                Throwable[] failure = new Throwable[1];
                Thread other = Thread.ofPlatform().start(() -> {
                    try {
                        assertFails(ErrorCode.INVALID_ARGUMENT, () -> w.put(mine, value));
                    } catch (Throwable t) {
                        failure[0] = t;
                    }
                });
                other.join();
                if (failure[0] != null) {
                    throw new AssertionError("from the other thread", failure[0]);
                }
            }
            w.put(b("k"), b("v"));
            assertEquals(1, w.flush().sstIds().size());
        }
    }

    @Test
    void badInputIsRejectedWithTheDocumentedCodes() {
        IsleWriter w = db.openWriter(OPTIONS.withMaxKeyBytes(10).withMaxValueBytes(100));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> w.put(new byte[0], b("v")));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> w.put(null, b("v")));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> w.put(b("k"), null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> w.put(new byte[11], b("v")));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> w.put(b("k"), new byte[101]));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> w.put(b("k"), b("v"), Duration.ZERO));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> w.delete(new byte[0]));
        w.put(b("k"), b("v"));
        w.close();
        assertFails(ErrorCode.CLOSED, () -> w.put(b("k"), b("v")));
        assertFails(ErrorCode.CLOSED, w::flush);
        IsleReader r = db.openReader(ReaderOptions.defaults());
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> r.get((byte[]) null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> r.scan(null, null, -1));
        r.close();
        assertFails(ErrorCode.CLOSED, () -> r.get(b("k")));
        assertFails(ErrorCode.INVALID_PATH, () -> connection.isle("../escape"));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> WriterOptions.defaults().withMemtableBytes(10));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> db.openWriter(WriterOptions.defaults().withMemtableBytes(128 << 10)));
    }

    @Test
    void aCorruptTableIsAChecksumMismatchNotAWrongAnswer() {
        CommitInfo info;
        try (IsleWriter w = db.openWriter(OPTIONS)) {
            w.put(b("k"), b("v"));
            info = w.flush();
        }
        String key = "db/sstable/" + info.sstIds().getFirst();
        byte[] sst = connection.store().get(key).bytes();
        sst[sst.length / 2] ^= 1;
        connection.store().put(key, ObjectBody.of(sst), PutMode.OVERWRITE);
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            assertFails(ErrorCode.CHECKSUM_MISMATCH, () -> r.get(b("k")));
            assertFails(ErrorCode.CHECKSUM_MISMATCH, () -> r.scan(null, null, 10));
        }
    }
}
