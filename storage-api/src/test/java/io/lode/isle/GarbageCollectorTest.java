package io.lode.isle;

import static io.lode.LodeAssertions.assertFails;
import static io.lode.isle.OverlappingTables.assertContents;
import static io.lode.isle.OverlappingTables.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.isle.manifest.LogOp;
import io.lode.isle.manifest.ManifestCodec;
import io.lode.isle.manifest.ManifestLog;
import io.lode.isle.manifest.ManifestState;
import io.lode.isle.manifest.ObjectStoreManifestStorage;
import io.lode.isle.manifest.Role;
import io.lode.isle.manifest.SstMeta;
import io.lode.spi.InstrumentedStore;
import io.lode.spi.ListedObject;
import io.lode.testing.S3ProxyExtension;
import io.lode.testing.S3ProxyServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Garbage collection: what it deletes, when, and that it never deletes what a reader may still
 * need, over the memory and file stores (and S3Proxy end to end), with the clock moved past grace
 * periods.
 */
@ExtendWith(S3ProxyExtension.class)
class GarbageCollectorTest {
    private static final Duration GRACE = GcOptions.defaults().gracePeriod();
    private static final Duration PAST_GRACE = GRACE.plusMinutes(1);
    private static final WriterOptions WRITER = WriterOptions.defaults().withFlushInterval(Duration.ZERO);
    private static final CompactorOptions COMPACTOR = CompactorOptions.defaults().withL0Threshold(4)
            .withInterval(Duration.ZERO).withBlockBytes(1 << 10);
    private static final GcOptions GC = GcOptions.defaults().withInterval(Duration.ZERO);
    private static final IsleOptions NO_SNAPSHOTS = IsleOptions.defaults().withCurrentEvery(1_000).withSnapshotEvery(1_000);

    private static S3ProxyServer s3;
    private static String bucket;

    @TempDir
    Path tmp;
    private final MovableClock clock = new MovableClock();
    private LodeConnection connection;
    private InstrumentedStore store;
    private IsleDB db;

    @BeforeAll
    static void startS3(S3ProxyServer server) {
        s3 = server;
        bucket = server.newBucket();
    }

    @AfterEach
    void close() {
        if (connection != null) {
            connection.close();
        }
    }

    private void open(String kind, IsleOptions options) {
        close();
        String url;
        Properties credentials = new Properties();
        if (kind.equals("mem")) {
            url = "lode:mem:gc-" + UUID.randomUUID();
        } else if (kind.equals("s3")) {
            credentials.setProperty("accessKeyId", S3ProxyServer.ACCESS_KEY);
            credentials.setProperty("secretAccessKey", S3ProxyServer.SECRET_KEY);
            url = "lode:s3://" + bucket + "/gc-" + UUID.randomUUID() + "?region=us-east-1&endpoint=" + s3.endpoint();
        } else {
            try {
                url = "lode:file:" + Files.createDirectories(tmp.resolve(UUID.randomUUID().toString()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        connection = Lode.connect(url, credentials);
        store = new InstrumentedStore(connection.store());
        db = IsleDB.onStore(store, "db/", options.withClock(clock));
    }

    /** The names of the objects under {@code db/<folder>}. */
    private Set<String> stored(String folder) {
        String p = "db/" + folder;
        try (Stream<ListedObject> listed = store.list(p)) {
            return listed.map(o -> o.key().substring(o.key().lastIndexOf('/') + 1)).collect(Collectors.toSet());
        }
    }

    private ManifestState state() {
        try (ManifestLog log = ManifestLog.open(new ObjectStoreManifestStorage(store, "db/"))) {
            return log.state();
        }
    }

    private static Set<String> ids(ManifestState s) {
        Set<String> ids = new HashSet<>();
        s.l0().forEach(t -> ids.add(t.id()));
        s.runs().forEach(r -> r.ssts().forEach(t -> ids.add(t.id())));
        return ids;
    }

    /** Exactly the tables the log references are stored: none missing, none leaked. */
    private void assertStoredTablesAreExactlyTheLiveOnes() {
        assertEquals(ids(state()), stored("sstable/"));
    }

    private TreeMap<String, String> flushTables(int tables) {
        try (IsleWriter w = db.openWriter(WRITER)) {
            return OverlappingTables.flush(w, tables);
        }
    }

    private void assertReads(TreeMap<String, String> expected) {
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            assertContents(expected, r);
        }
    }

    // ------------------------------------------------------------------------------ safety

    @Test
    void aRetentionCompactorAloneDeletesWhatItRemovedAfterTheGracePeriodAndNeverBefore() {
        open("mem", NO_SNAPSHOTS);
        flushTables(4);
        List<GcReport> reports = new CopyOnWriteArrayList<>();
        clock.advance(Duration.ofSeconds(1)); // every table is older than "now"
        RetentionOptions rule = RetentionOptions.byAge(Duration.ZERO, 1).withInterval(Duration.ZERO);
        try (RetentionCompactor r = db.openRetentionCompactor(rule.withGc(GC.withListener(reports::add)))) {
            List<String> removed = r.runOnce().removedSstIds();
            assertEquals(3, removed.size());
            assertEquals(1, reports.size(), "the pass ended with a collection");
            assertEquals(3, reports.getFirst().marked(), "which marked the removed tables");
            clock.advance(GRACE.minusSeconds(5));
            assertTrue(r.runOnce().isEmpty());
            assertEquals(0, reports.getLast().sstsDeleted());
            assertTrue(stored("sstable/").containsAll(removed), "kept for the grace period");
            clock.advance(Duration.ofSeconds(10));
            r.runOnce();
            assertEquals(3, reports.getLast().sstsDeleted());
            assertEquals(3, reports.size(), "one report per pass");
        }
        assertStoredTablesAreExactlyTheLiveOnes();
        // with its collection turned off, what it removes stays past the grace period
        flushTables(2);
        clock.advance(Duration.ofSeconds(1));
        try (RetentionCompactor r = db.openRetentionCompactor(rule.withGc(GcOptions.off()))) {
            List<String> removed = r.runOnce().removedSstIds();
            assertEquals(2, removed.size());
            clock.advance(PAST_GRACE);
            r.runOnce();
            assertTrue(stored("sstable/").containsAll(removed));
        }
    }

    @Test
    void aCollectionThatFailsAfterACompactionGoesToTheListenerAndTheCompactionStands() {
        open("mem", NO_SNAPSHOTS);
        flushTables(4);
        Set<String> inputs = ids(state());
        // Every request for the collector's own objects fails while armed.
        AtomicBoolean failing = new AtomicBoolean(true);
        io.lode.spi.ObjectStore gcFails = new io.lode.spi.ForwardingObjectStore(store) {
            @Override
            protected <T> T forward(Operation op, String keyOrPrefix, java.util.function.Supplier<T> request) {
                if (failing.get() && keyOrPrefix.contains("manifest/gc/")) {
                    throw new LodeException(ErrorCode.IO, "injected failure of " + op.label() + " " + keyOrPrefix, null, true);
                }
                return request.get();
            }
        };
        IsleDB failingDb = IsleDB.onStore(gcFails, "db/", NO_SNAPSHOTS.withClock(clock));
        List<GcReport> reports = new CopyOnWriteArrayList<>();
        List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        GcListener listener = new GcListener() {
            @Override
            public void collected(GcReport report) {
                reports.add(report);
            }

            @Override
            public void failed(RuntimeException failure) {
                failures.add(failure);
            }
        };
        try (Compactor c = failingDb.openCompactor(COMPACTOR.withGc(GC.withListener(listener)))) {
            assertTrue(c.runOnce(), "the compaction is committed and reported as such");
            assertEquals(1, failures.size());
            assertEquals(ErrorCode.IO, ((LodeException) failures.getFirst()).code());
            assertTrue(reports.isEmpty());
            assertFalse(ids(state()).containsAll(inputs), "the merge replaced its inputs");
            failing.set(false);
            c.runOnce();
            assertEquals(inputs.size(), reports.getLast().marked(), "the next pass marks what the failed one did not");
            clock.advance(PAST_GRACE);
            c.runOnce();
        }
        assertStoredTablesAreExactlyTheLiveOnes();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mem", "file", "s3"})
    void aReaderHoldingAViewFromBeforeACompactionKeepsReadingForTheWholeGracePeriod(String kind) {
        open(kind, NO_SNAPSHOTS);
        TreeMap<String, String> expected = flushTables(4);
        Set<String> inputs = ids(state());
        try (IsleReader old = db.openReader(ReaderOptions.defaults())) {
            try (Compactor c = db.openCompactor(COMPACTOR)) {
                assertTrue(c.runOnce(), "merges level 0 and marks its tables");
                clock.advance(GRACE.minusSeconds(5));
                c.runOnce();
                assertTrue(stored("sstable/").containsAll(inputs), "the replaced tables stay for the grace period");
                assertContents(expected, old); // the old view downloads the replaced tables only now
                clock.advance(Duration.ofSeconds(10));
                c.runOnce();
            }
            assertTrue(Collections.disjoint(inputs, stored("sstable/")), "deleted once the grace period passed");
            assertStoredTablesAreExactlyTheLiveOnes();
            assertTrue(old.refresh());
            assertContents(expected, old);
        }
    }

    @Test
    void aSweepNeverDeletesATableTheLogReferencesEvenIfAScanMarkedIt() {
        open("mem", NO_SNAPSHOTS);
        TreeMap<String, String> expected = flushTables(1);
        SstMeta flushed = state().l0().getFirst();
        // A slow writer's upload: the scan sees it before its commit and marks it as an orphan.
        String id = "slow-upload";
        store.put("db/sstable/" + id, store.get("db/sstable/" + flushed.id()).bytes());
        try (GarbageCollector gc = db.openGarbageCollector(GC)) {
            assertEquals(1, gc.runOnce().marked());
            try (ManifestLog slow = ManifestLog.open(new ObjectStoreManifestStorage(store, "db/"))) {
                slow.claim(Role.WRITER, "slow-writer");
                SstMeta same = new SstMeta(id, flushed.seqLo(), flushed.seqHi(), flushed.minKey(), flushed.maxKey(),
                        flushed.size(), flushed.checksum(), flushed.entries(), false, flushed.createdAt());
                slow.commit(new LogOp.AddSsts(List.of(same)), OptionalLong.empty(), OptionalLong.empty());
            }
            clock.advance(PAST_GRACE);
            GcReport r = gc.runOnce();
            assertEquals(0, r.sstsDeleted(), "committed since it was marked: the sweep re-checks the log");
        }
        assertTrue(stored("sstable/").contains(id));
        assertStoredTablesAreExactlyTheLiveOnes();
        assertReads(expected);
    }

    /**
     * A crash (a failed request, before or after it took effect) at every request of a compaction
     * pass (merge, commit, marks, checkpoint) and of a sweeping pass (re-check, deletes, marks),
     * then a new compactor in a new "process": nothing leaked, nothing referenced deleted.
     */
    @Test
    void aCrashAtAnyRequestOfCommitMarkCheckpointOrDeleteLeaksNothingAndDeletesNothingReferenced() {
        int crashes = 0;
        for (InstrumentedStore.Fault fault : InstrumentedStore.Fault.values()) {
            for (boolean sweeping : new boolean[] {false, true}) {
                for (int request = 1; ; request++) {
                    String where = fault + " request " + request + (sweeping ? " of the sweeping pass" : " of the compaction pass");
                    open("mem", NO_SNAPSHOTS);
                    TreeMap<String, String> expected = flushTables(4);
                    long requests;
                    try (Compactor c = db.openCompactor(COMPACTOR)) {
                        if (sweeping) {
                            assertTrue(c.runOnce());
                            clock.advance(PAST_GRACE);
                        }
                        long before = store.total();
                        store.failRequest(request, fault);
                        try {
                            c.runOnce();
                        } catch (LodeException e) {
                            assertFalse(e.code() == ErrorCode.CORRUPTION, where + ": " + e);
                        }
                        requests = store.total() - before;
                    } finally {
                        store.disarm();
                    }
                    if (requests < request) {
                        break; // the pass ended before the request to fail
                    }
                    crashes++;
                    assertReads(expected);
                    try (Compactor next = db.openCompactor(COMPACTOR)) {
                        next.runOnce();
                        clock.advance(PAST_GRACE);
                        next.runOnce();
                    }
                    assertEquals(ids(state()), stored("sstable/"), where + ": exactly the live tables remain");
                    assertReads(expected);
                }
            }
        }
        assertTrue(crashes > 40, "crashed at " + crashes + " requests");
    }

    @Test
    void tablesARetentionEntryRemovesAreCollectedWithoutAnyCallFromItsCommitter() {
        open("mem", NO_SNAPSHOTS);
        flushTables(3);
        ManifestState s = state();
        String oldest = s.l0().getLast().id();
        try (ManifestLog retention = ManifestLog.open(new ObjectStoreManifestStorage(store, "db/"))) {
            retention.claim(Role.COMPACTOR, "retention");
            retention.commit(new LogOp.RemoveSsts(List.of(oldest)), OptionalLong.empty(), OptionalLong.empty());
        }
        try (GarbageCollector gc = db.openGarbageCollector(GC)) {
            assertEquals(1, gc.runOnce().marked());
            String marks = new String(store.get("db/manifest/gc/pending-sst/pending.json").bytes(), StandardCharsets.UTF_8);
            assertTrue(marks.contains("\"first_reason\":\"remove_sstables\"") && marks.contains(oldest), marks);
            clock.advance(PAST_GRACE);
            assertEquals(1, gc.runOnce().sstsDeleted());
        }
        assertFalse(stored("sstable/").contains(oldest));
        assertStoredTablesAreExactlyTheLiveOnes();
    }

    @Test
    void collectorsRunningConcurrentlyWithWritesAndCompactionsNeverDeleteWhatIsLive() throws Exception {
        open("mem", IsleOptions.defaults().withSnapshotEvery(4).withCurrentEvery(2));
        TreeMap<String, String> expected = new TreeMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> collectors = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            GarbageCollector gc = db.openGarbageCollector(GC.withOrphanScanEvery(2).withSweepBatch(3));
            collectors.add(Thread.ofPlatform().start(() -> {
                try (gc) {
                    while (!stop.get()) {
                        try {
                            gc.runOnce();
                        } catch (LodeException e) {
                            // a pass that lost too many swaps to the other collector: the next one retries
                            if (e.code() != ErrorCode.IO || !e.retryable()) {
                                throw e;
                            }
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        try (IsleWriter w = db.openWriter(WRITER.withBlobThreshold(1024));
                Compactor c = db.openCompactor(COMPACTOR.withGc(GcOptions.off()));
                IsleReader r = db.openReader(ReaderOptions.defaults())) {
            for (int round = 0; round < 40; round++) {
                for (int i = 0; i < 20; i++) {
                    String k = "k" + ((round * 7 + i * 13) % 97);
                    String v = i % 5 == 0 ? "big-" + round + "-" + "x".repeat(2_000) : "v" + round + "-" + i;
                    w.put(b(k), b(v));
                    expected.put(k, v);
                }
                w.flush();
                c.runOnce();
                if (round % 5 == 4) {
                    clock.advance(PAST_GRACE);
                }
                r.refresh();
                for (var e : expected.entrySet()) {
                    assertArrayEquals(b(e.getValue()), r.get(b(e.getKey())), "round " + round + " key " + e.getKey());
                }
            }
        } finally {
            stop.set(true);
            for (Thread t : collectors) {
                t.join();
            }
        }
        if (failure.get() != null) {
            throw new AssertionError("a collector failed", failure.get());
        }
        try (GarbageCollector gc = db.openGarbageCollector(GC)) {
            gc.runOnce();
            clock.advance(PAST_GRACE);
            while (gc.runOnce().sstsDeleted() > 0) {
                // batches
            }
        }
        assertStoredTablesAreExactlyTheLiveOnes();
        try (IsleReader cold = db.openReader(ReaderOptions.defaults())) {
            expected.forEach((k, v) -> assertArrayEquals(b(v), cold.get(b(k)), k));
        }
    }

    // ---------------------------------------------------------------------------- orphans

    @ParameterizedTest
    @ValueSource(strings = {"mem", "file", "s3"})
    void anUploadNeverCommittedIsReclaimedOnlyAfterTheGracePeriod(String kind) {
        open(kind, NO_SNAPSHOTS);
        TreeMap<String, String> expected = flushTables(2);
        store.put("db/sstable/w9-00000001", new byte[] {1, 2, 3}); // a writer that died after its upload
        try (GarbageCollector gc = db.openGarbageCollector(GC)) {
            assertEquals(new GcReport(1, 0, 0, 0, 0), gc.runOnce());
            clock.advance(GRACE.minusSeconds(5));
            assertEquals(0, gc.runOnce().sstsDeleted());
            assertTrue(stored("sstable/").contains("w9-00000001"));
            clock.advance(Duration.ofSeconds(10));
            assertEquals(1, gc.runOnce().sstsDeleted());
        }
        assertFalse(stored("sstable/").contains("w9-00000001"));
        assertStoredTablesAreExactlyTheLiveOnes();
        assertReads(expected);
    }

    @Test
    void theOrphanScanRunsAgainEveryNPassesNotOnlyOnce() {
        open("mem", NO_SNAPSHOTS);
        flushTables(1);
        try (GarbageCollector gc = db.openGarbageCollector(GC.withOrphanScanEvery(3))) {
            assertEquals(0, gc.runOnce().marked(), "the first pass scans: nothing to find");
            store.put("db/sstable/late-orphan", new byte[] {1});
            assertEquals(0, gc.runOnce().marked());
            assertEquals(0, gc.runOnce().marked());
            store.reset();
            assertEquals(1, gc.runOnce().marked(), "the fourth pass scans again");
            assertEquals(2, store.count("list"), "one listing of tables, one of blobs");
        }
    }

    @Test
    void aCheckpointBehindCollectedLogEntriesFallsBackToAnOrphanScan() {
        open("mem", IsleOptions.defaults().withSnapshotEvery(4).withCurrentEvery(1));
        flushTables(4);
        try (Compactor c = db.openCompactor(COMPACTOR.withGc(GcOptions.off()))) {
            assertTrue(c.runOnce());
        }
        Set<String> inputs = new HashSet<>(stored("sstable/"));
        inputs.removeAll(ids(state()));
        assertEquals(4, inputs.size());
        TreeMap<String, String> expected = new TreeMap<>();
        try (IsleWriter w = db.openWriter(WRITER)) {
            for (int i = 0; i < 8; i++) {
                w.put(b("z" + i), b("v" + i));
                expected.put("z" + i, "v" + i);
                w.flush();
            }
        }
        // Entries below the snapshot vanish (collected by another collector whose checkpoint was lost).
        ObjectStoreManifestStorage manifests = new ObjectStoreManifestStorage(store, "db/");
        long snapshotSeq = ManifestCodec.decodeCurrent(manifests.readCurrent().orElseThrow().bytes(), "CURRENT").snapshotSeq();
        assertTrue(snapshotSeq > 5, "the compaction's entry is below the snapshot");
        for (long seq = 1; seq <= snapshotSeq; seq++) {
            manifests.deleteLogEntry(seq);
        }
        try (GarbageCollector gc = db.openGarbageCollector(GC)) {
            assertTrue(gc.runOnce().marked() >= 4, "the replaced tables are found by listing");
            clock.advance(PAST_GRACE);
            assertEquals(4, gc.runOnce().sstsDeleted());
        }
        assertStoredTablesAreExactlyTheLiveOnes();
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            expected.forEach((k, v) -> assertArrayEquals(b(v), r.get(b(k))));
        }
    }

    // ------------------------------------------------------------------------------ blobs

    private static byte[] random(int n, long seed) {
        byte[] out = new byte[n];
        new Random(seed).nextBytes(out);
        return out;
    }

    /** Puts blob values under a and b, then deletes a and compacts, so a's blob is referenced no more. */
    private byte[][] blobWithAndWithoutReference() {
        byte[] a = random(8192, 1);
        byte[] bb = random(8192, 2);
        try (IsleWriter w = db.openWriter(WRITER.withBlobThreshold(1024))) {
            w.put(b("a"), a);
            w.put(b("b"), bb);
            w.flush();
            w.delete(b("a"));
            w.flush();
            w.put(b("c"), b("small"));
            w.flush();
            w.put(b("d"), b("small"));
            w.flush();
        }
        try (Compactor c = db.openCompactor(COMPACTOR.withGc(GcOptions.off()))) {
            assertTrue(c.runOnce(), "the merge drops a's value and its tombstone");
        }
        assertEquals(2, stored("blobs/").size());
        return new byte[][] {a, bb};
    }

    @ParameterizedTest
    @ValueSource(strings = {"mem", "file", "s3"})
    void anUnreferencedBlobIsCollectedAfterTheGracePeriodAndAReferencedOneIsKept(String kind) {
        open(kind, NO_SNAPSHOTS);
        byte[][] values = blobWithAndWithoutReference();
        try (GarbageCollector gc = db.openGarbageCollector(GC)) {
            GcReport first = gc.runOnce();
            assertEquals(4 + 1, first.marked(), "the four merged tables by the log, a's blob by the scan");
            assertEquals(0, first.blobsDeleted());
            clock.advance(PAST_GRACE);
            GcReport second = gc.runOnce();
            assertEquals(4, second.sstsDeleted());
            assertEquals(1, second.blobsDeleted());
        }
        assertEquals(1, stored("blobs/").size());
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            assertArrayEquals(values[1], r.get(b("b")));
        }
        assertStoredTablesAreExactlyTheLiveOnes();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mem", "file"})
    void aWriterReusingAMarkedBlobKeepsItAlive(String kind) {
        open(kind, NO_SNAPSHOTS);
        byte[][] values = blobWithAndWithoutReference();
        try (GarbageCollector gc = db.openGarbageCollector(GC)) {
            assertEquals(5, gc.runOnce().marked());
            try (IsleWriter w = db.openWriter(WRITER.withBlobThreshold(1024))) {
                // The blob exists, so the put finds it there; the sweep below runs before the flush commits it.
                w.put(b("again"), values[0]);
                clock.advance(PAST_GRACE);
                assertEquals(0, gc.runOnce().blobsDeleted(), "rewritten since it was marked: kept");
                w.flush();
            }
            clock.advance(PAST_GRACE);
            gc.runOnce();
            assertEquals(0, gc.runOnce().blobsDeleted(), "referenced again");
        }
        assertEquals(2, stored("blobs/").size());
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            assertArrayEquals(values[0], r.get(b("again")));
            assertArrayEquals(values[1], r.get(b("b")));
        }
    }

    // ------------------------------------------------------------------- log and snapshots

    @ParameterizedTest
    @ValueSource(strings = {"mem", "file", "s3"})
    void oldLogEntriesAndSnapshotsAreCollectedAndColdOpensAndLongAsleepReadersStillWork(String kind) {
        open(kind, IsleOptions.defaults().withSnapshotEvery(4).withCurrentEvery(1));
        TreeMap<String, String> expected = new TreeMap<>();
        try (IsleWriter w = db.openWriter(WRITER)) {
            w.put(b("k0"), b("v0"));
            expected.put("k0", "v0");
            w.flush();
            try (IsleReader asleep = db.openReader(ReaderOptions.defaults());
                    TailingReader tailer = db.openTailingReader(TailingOptions.defaults());
                    Compactor idle = db.openCompactor(COMPACTOR.withGc(GcOptions.off()))) {
                long asleepAt = state().logSeq();
                for (int i = 1; i <= 20; i++) {
                    w.put(b("k" + i), b("v" + i));
                    expected.put("k" + i, "v" + i);
                    w.flush();
                }
                int snapshotsBefore = stored("manifest/snapshots/").size();
                assertTrue(snapshotsBefore >= 5);
                GcReport r;
                try (GarbageCollector gc = db.openGarbageCollector(GC)) {
                    assertEquals(0, gc.runOnce().logEntriesDeleted(), "the newest snapshot is young");
                    clock.advance(PAST_GRACE);
                    r = gc.runOnce();
                }
                assertTrue(r.logEntriesDeleted() >= 20, r.toString());
                assertEquals(snapshotsBefore - 1, r.snapshotsDeleted());
                assertEquals(1, stored("manifest/snapshots/").size(), "only the snapshot CURRENT names is left");
                assertTrue(store.head(new ObjectStoreManifestStorage(store, "db/").logKey(asleepAt + 1)).isEmpty(),
                        "the entry the sleeping reader would probe next is gone");

                try (IsleReader cold = db.openReader(ReaderOptions.defaults())) {
                    expected.forEach((k, v) -> assertArrayEquals(b(v), cold.get(b(k)), k));
                }
                assertTrue(asleep.refresh(), "the sleeping reader notices through CURRENT instead of seeing no change");
                assertTrue(tailer.refresh(), "and so does a sleeping tailer");
                List<String> tailed = new ArrayList<>();
                tailer.catchUp(CatchUpOptions.all().withLimit(1_000), (k, v) -> tailed.add(new String(k, StandardCharsets.UTF_8)));
                assertEquals(List.copyOf(expected.keySet()), tailed);
                expected.forEach((k, v) -> assertArrayEquals(b(v), asleep.get(b(k)), k));
                assertTrue(idle.runOnce(), "the idle compactor catches up the same way, then merges");
                w.put(b("last"), b("one"));
                expected.put("last", "one");
                w.flush();
                assertTrue(asleep.refresh());
                expected.forEach((k, v) -> assertArrayEquals(b(v), asleep.get(b(k)), k));
            }
        }
        try (IsleReader cold = db.openReader(ReaderOptions.defaults())) {
            expected.forEach((k, v) -> assertArrayEquals(b(v), cold.get(b(k)), k));
        }
    }

    // ---------------------------------------------------------------------------- options

    @Test
    void optionsRejectAGracePeriodReadersCannotKeepUpWithAndOffDeletesNothing() {
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> GcOptions.defaults().withGracePeriod(Duration.ofSeconds(59)));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> GcOptions.defaults().withOrphanScanEvery(0));
        open("mem", NO_SNAPSHOTS);
        flushTables(1);
        store.put("db/sstable/orphan", new byte[] {1});
        try (GarbageCollector gc = db.openGarbageCollector(GcOptions.off())) {
            store.reset();
            assertEquals(GcReport.NONE, gc.runOnce());
            clock.advance(PAST_GRACE);
            assertEquals(GcReport.NONE, gc.runOnce());
            assertEquals(0, store.count("get") + store.count("list") + store.count("put") + store.count("delete"));
        }
        assertTrue(stored("sstable/").contains("orphan"));
    }

    @Test
    void anIdlePassCostsTwoReads() {
        open("mem", NO_SNAPSHOTS);
        flushTables(2);
        try (GarbageCollector gc = db.openGarbageCollector(GC)) {
            gc.runOnce();
            store.reset();
            long before = store.total();
            assertEquals(GcReport.NONE, gc.runOnce());
            assertEquals(2, store.total() - before, "CURRENT, and the probe for the next log entry");
        }
    }

    @Test
    void startedPassesRunInTheBackgroundUntilStopped() throws InterruptedException {
        open("mem", NO_SNAPSHOTS);
        flushTables(1);
        store.put("db/sstable/orphan", new byte[] {1});
        try (GarbageCollector gc = db.openGarbageCollector(GC.withInterval(Duration.ofMillis(20)))) {
            gc.start();
            gc.start(); // already running: no second loop
            for (int i = 0; i < 500 && store.head("db/manifest/gc/pending-sst/pending.json").isEmpty(); i++) {
                Thread.sleep(20);
            }
            gc.stop();
            assertTrue(store.head("db/manifest/gc/pending-sst/pending.json").isPresent(), "a background pass marked the orphan");
            long after = store.total();
            Thread.sleep(100);
            assertEquals(after, store.total(), "no pass after stop()");
        }
    }

    @Test
    void aClosedCollectorRefusesWork() {
        open("mem", NO_SNAPSHOTS);
        GarbageCollector gc = db.openGarbageCollector(GC);
        gc.close();
        assertFails(ErrorCode.CLOSED, gc::runOnce);
        assertFails(ErrorCode.CLOSED, gc::start);
    }
}
