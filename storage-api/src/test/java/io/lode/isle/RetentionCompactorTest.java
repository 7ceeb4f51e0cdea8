package io.lode.isle;

import static io.lode.LodeAssertions.assertFails;
import static io.lode.isle.CountedDatabase.COMPACTOR;
import static io.lode.isle.CountedDatabase.WRITER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.isle.manifest.LogOp;
import io.lode.isle.manifest.ManifestLog;
import io.lode.isle.manifest.ManifestState;
import io.lode.isle.manifest.ObjectStoreManifestStorage;
import io.lode.isle.manifest.Role;
import io.lode.isle.manifest.SstMeta;
import io.lode.spi.InstrumentedStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The retention compactor end to end: its rules over exact creation times with an injected clock,
 * what reads return after it, the low watermark, what it costs, and that it runs beside the writer
 * and the merge compactor without fencing either, in both orders of a conflict with a merge.
 */
class RetentionCompactorTest {
    /**
     * The database's clock, so it stamps the tables' creation times and is retention's "now": each
     * reading a millisecond after the last, so with a period of zero only the count keeps tables.
     */
    private final TickingClock clock = new TickingClock(Instant.parse("2026-01-01T00:00:00Z"));
    @RegisterExtension
    final CountedDatabase counted = new CountedDatabase(clock);
    private final InstrumentedStore store = counted.store();
    private final IsleDB db = counted.db();

    /**
     * The rules without the garbage collection a pass ends with, so the tests count what retention
     * alone costs and see the removed objects stay (GarbageCollectorTest covers the collection).
     */
    private static RetentionOptions byAge(Duration period, int count) {
        return RetentionOptions.byAge(period, count).withGc(GcOptions.off());
    }

    private static RetentionOptions byTimeWindow(Duration period, Duration segment, int count) {
        return RetentionOptions.byTimeWindow(period, segment, count).withGc(GcOptions.off());
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] lsn(long n) {
        return ByteBuffer.allocate(8).putLong(n).array();
    }

    private static List<String> ids(List<SstMeta> tables) {
        return tables.stream().map(SstMeta::id).toList();
    }

    // ------------------------------------------------------------------------ the rules, by table

    /**
     * One row: the rule, "now", the creation time of each table (t0, t1, ...; listed in this
     * order, so level 0 holds them newest last-listed first), and the tables it removes.
     */
    static Stream<Arguments> rules() {
        Duration hour = Duration.ofHours(1);
        String noon = "2026-01-10T12:00:00Z";
        List<String> four = List.of("2026-01-10T08:00:00Z", "2026-01-10T09:00:00Z", "2026-01-10T10:00:00Z",
                "2026-01-10T11:30:00Z");
        List<String> segmented = List.of("2026-01-10T09:00:00Z", "2026-01-10T09:59:59.999Z", "2026-01-10T10:30:00Z",
                "2026-01-10T11:00:00Z");
        return Stream.of(
                Arguments.of("by age: older than 2 h goes; 10:00 is exactly at the cutoff and stays",
                        byAge(hour.multipliedBy(2), 0), noon, four, List.of("t0", "t1")),
                Arguments.of("by age: 1 ms past the cutoff goes", byAge(hour.multipliedBy(2), 0), noon,
                        List.of("2026-01-10T09:59:59.999Z", "2026-01-10T10:00:00Z"), List.of("t0")),
                Arguments.of("by age: the 3 newest stay whatever their age", byAge(Duration.ZERO, 3), noon,
                        four, List.of("t0")),
                Arguments.of("by age: count equal to the tables keeps all", byAge(Duration.ZERO, 4), noon,
                        four, List.of()),
                Arguments.of("by age: count above the tables keeps all", byAge(Duration.ZERO, 10), noon,
                        four, List.of()),
                Arguments.of("by age: count 0 and period 0 remove all made strictly before now",
                        byAge(Duration.ZERO, 0), noon, List.of("2026-01-10T11:59:59.999Z", noon),
                        List.of("t0")),
                Arguments.of("by age: listed out of order, the oldest go first", byAge(Duration.ZERO, 1),
                        noon, List.of("2026-01-10T11:00:00Z", "2026-01-10T02:00:00Z", "2026-01-10T05:00:00Z"),
                        List.of("t1", "t2")),
                Arguments.of("by age: tables made in the same instant are ordered by sequence number",
                        byAge(Duration.ZERO, 1), noon,
                        List.of("2026-01-10T11:00:00Z", "2026-01-10T11:00:00Z"), List.of("t0")),
                Arguments.of("by window: [09,10) ended before 11:00 and goes whole; [10,11) ends exactly at it",
                        byTimeWindow(hour, hour, 0), noon, segmented, List.of("t0", "t1")),
                Arguments.of("by window: cutoff 1 ms after 11:00 takes [10,11) too",
                        byTimeWindow(Duration.ofMinutes(60).minusMillis(1), hour, 0), noon, segmented,
                        List.of("t0", "t1", "t2")),
                Arguments.of("by window: count 19 keeps max(1, 1) segment", byTimeWindow(Duration.ZERO, hour, 19),
                        noon, segmented, List.of("t0", "t1", "t2")),
                Arguments.of("by window: count 20 keeps 2 segments", byTimeWindow(Duration.ZERO, hour, 20),
                        noon, segmented, List.of("t0", "t1")),
                Arguments.of("by window: count 30 keeps all 3 segments", byTimeWindow(Duration.ZERO, hour, 30),
                        noon, segmented, List.of()),
                Arguments.of("by window: 7-day segments start on Thursdays, floored on the Unix epoch",
                        byTimeWindow(Duration.ofDays(5), Duration.ofDays(7), 0), "2026-01-20T00:00:00Z",
                        List.of("2026-01-07T23:59:59Z", "2026-01-08T00:00:00Z"), List.of("t0")),
                Arguments.of("by window: segments before 1970 are floored too", byTimeWindow(Duration.ZERO,
                        Duration.ofDays(1), 0), "1970-01-03T00:00:00Z",
                        List.of("1969-12-31T23:00:00Z", "1970-01-01T01:00:00Z"), List.of("t0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theRuleRemovesExactlyTheseTables(String why, RetentionOptions rule, String now, List<String> created,
            List<String> removed) {
        // Retention reads only the manifest: tables are committed with exact creation times.
        try (ManifestLog log = ManifestLog.open(new ObjectStoreManifestStorage(store, "db/"))) {
            log.claim(Role.WRITER, "test");
            for (int i = 0; i < created.size(); i++) {
                SstMeta t = new SstMeta("t" + i, i + 1, i + 1, new byte[] {1}, new byte[] {2}, 100 + i,
                        "xxh64:0000000000000000", 1, false, Instant.parse(created.get(i)));
                log.commit(new LogOp.AddSsts(List.of(t)), OptionalLong.empty(), OptionalLong.empty());
            }
        }
        IsleDB atNow = IsleDB.onStore(store, "db/", IsleOptions.defaults().withClock(InstantSource.fixed(Instant.parse(now))));
        try (RetentionCompactor r = atNow.openRetentionCompactor(rule.withInterval(Duration.ZERO))) {
            RetentionResult result = r.runOnce();
            assertEquals(removed, result.removedSstIds().stream().sorted().toList(), why);
            assertEquals(removed.stream().mapToLong(id -> 100 + Integer.parseInt(id.substring(1))).sum(),
                    result.removedBytes());
            assertEquals(removed.isEmpty(), result.isEmpty());
            List<String> kept = new ArrayList<>(ids(counted.state().tables()));
            kept.sort(null);
            List<String> expectedKept = new ArrayList<>();
            for (int i = 0; i < created.size(); i++) {
                if (!removed.contains("t" + i)) {
                    expectedKept.add("t" + i);
                }
            }
            assertEquals(expectedKept, kept);
            assertTrue(r.runOnce().isEmpty(), "a second pass at the same instant finds nothing more");
        }
    }

    @Test
    void theDatabaseClockStampsFlushedAndMergedTablesSoItDecidesTheirAges() {
        Instant flushed = Instant.parse("2030-05-01T10:00:00Z");
        Instant merged = flushed.plus(Duration.ofHours(3));
        java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(flushed);
        IsleDB timed = IsleDB.onStore(store, "timed/", IsleOptions.defaults().withClock(now::get));
        try (IsleWriter w = timed.openWriter(WRITER)) {
            flushTables(w, 4);
        }
        ManifestState state;
        try (ManifestLog log = ManifestLog.open(new ObjectStoreManifestStorage(store, "timed/"))) {
            state = log.state();
        }
        assertEquals(List.of(flushed), state.tables().stream().map(SstMeta::createdAt).distinct().toList());
        now.set(merged);
        try (Compactor c = timed.openCompactor(COMPACTOR)) {
            assertTrue(c.runOnce());
        }
        try (ManifestLog log = ManifestLog.open(new ObjectStoreManifestStorage(store, "timed/"))) {
            state = log.state();
        }
        assertEquals(List.of(merged), state.tables().stream().map(SstMeta::createdAt).distinct().toList());
        // two hours later by the same clock, the merged run is not yet older than a 2 h period
        now.set(merged.plus(Duration.ofHours(2)));
        try (RetentionCompactor r = timed.openRetentionCompactor(byAge(Duration.ofHours(2), 0))) {
            assertTrue(r.runOnce().isEmpty(), "exactly at the cutoff: kept");
            now.set(merged.plus(Duration.ofHours(2)).plusMillis(1));
            assertEquals(ids(state.tables()), r.runOnce().removedSstIds());
        }
    }

    // ------------------------------------------------------------------------------ reads after

    @Test
    void theRemovedTablesEntriesAreGoneAndANewerTombstoneStillHides() {
        try (IsleWriter w = db.openWriter(WRITER)) {
            w.put(b("a"), b("1"));
            w.put(b("b"), b("1"));
            w.flush();
            w.put(b("a"), b("2"));
            w.delete(b("b"));
            w.put(b("c"), b("2"));
            w.flush();
            w.put(b("d"), b("3"));
            w.flush();
        }
        try (RetentionCompactor r = db.openRetentionCompactor(byAge(Duration.ZERO, 2));
                IsleReader reader = db.openReader(ReaderOptions.defaults())) {
            assertEquals(1, r.runOnce().removedSstIds().size());
            reader.refresh();
            assertEquals(List.of(new KeyValue(b("a"), b("2")), new KeyValue(b("c"), b("2")), new KeyValue(b("d"), b("3"))),
                    reader.scan(null, null, 100));
            assertNull(reader.get(b("b")));
        }
        try (RetentionCompactor r = db.openRetentionCompactor(byAge(Duration.ZERO, 1));
                IsleReader reader = db.openReader(ReaderOptions.defaults())) {
            assertEquals(1, r.runOnce().removedSstIds().size());
            reader.refresh();
            assertEquals(List.of(new KeyValue(b("d"), b("3"))), reader.scan(null, null, 100));
            assertNull(reader.get(b("a")));
        }
    }

    @Test
    void retentionRemovesSingleTablesFromInsideARunAndReadsOfTheRestStayCorrect() {
        CompactorOptions smallOutputs = COMPACTOR.withTargetSstBytes(64 << 10);
        List<String> keys = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(7);
        try (IsleWriter w = db.openWriter(WRITER); Compactor c = db.openCompactor(smallOutputs)) {
            for (int t = 0; t < 4; t++) {
                for (int i = 0; i < 500; i++) {
                    String k = String.format("k%02d-%04d", t, i);
                    byte[] value = new byte[100];
                    rnd.nextBytes(value); // incompressible, so the outputs are split
                    w.put(b(k), value);
                    keys.add(k);
                }
                w.flush();
            }
            assertTrue(c.runOnce());
        }
        List<SstMeta> run = counted.state().runs().getFirst().ssts();
        assertTrue(run.size() >= 3, "outputs: " + run.size());
        try (RetentionCompactor r = db.openRetentionCompactor(byAge(Duration.ZERO, run.size() - 1))) {
            // the outputs were made together: the one of the lowest newest sequence number goes
            SstMeta gone = run.stream().min(java.util.Comparator.comparing(SstMeta::createdAt)
                    .thenComparingLong(SstMeta::seqHi).thenComparing(SstMeta::id)).orElseThrow();
            assertEquals(List.of(gone.id()), r.runOnce().removedSstIds());
            List<SstMeta> sparse = counted.state().runs().getFirst().ssts();
            assertEquals(run.size() - 1, sparse.size());
            try (IsleReader reader = db.openReader(ReaderOptions.defaults())) {
                List<KeyValue> all = reader.scan(null, null, Integer.MAX_VALUE);
                int inGone = 0;
                for (String k : keys) {
                    boolean removed = java.util.Arrays.compareUnsigned(b(k), gone.minKey()) >= 0
                            && java.util.Arrays.compareUnsigned(b(k), gone.maxKey()) <= 0;
                    inGone += removed ? 1 : 0;
                    assertEquals(removed, reader.get(b(k)) == null, k);
                }
                assertEquals(keys.size() - inGone, all.size());
            }
        }
        try (RetentionCompactor r = db.openRetentionCompactor(byAge(Duration.ZERO, 0))) {
            r.runOnce();
        }
        assertEquals(List.of(), counted.state().runs(), "a run whose tables are all removed vanishes");
    }

    // ---------------------------------------------------------------------------- low watermark

    @Test
    void theLowWatermarkFollowsWhatRetentionRemoves() {
        WriterOptions lsns = WRITER.withCommittedLsnExtractor(CommittedLsnExtractor.bigEndianLong());
        try (IsleWriter w = db.openWriter(lsns)) {
            for (long base : new long[] {10, 20, 30}) {
                w.put(lsn(base), b("x"));
                w.put(lsn(base + 1), b("y"));
                w.flush();
            }
        }
        try (IsleReader reader = db.openReader(ReaderOptions.defaults())) {
            assertEquals(OptionalLong.of(10), reader.lowWatermarkLsn());
            try (RetentionCompactor r = db.openRetentionCompactor(byAge(Duration.ZERO, 2))) {
                RetentionResult result = r.runOnce();
                assertEquals(OptionalLong.of(20), result.lowWatermarkLsn());
            }
            reader.refresh();
            assertEquals(OptionalLong.of(20), reader.lowWatermarkLsn());
            assertEquals(OptionalLong.of(31), reader.maxCommittedLsn());
            assertNull(reader.get(lsn(11)));
            assertArrayEquals(b("x"), reader.get(lsn(20)));
            // merged tables keep their inputs' bounds, so the watermark is right after a compaction too
            try (IsleWriter w = db.openWriter(lsns); Compactor c = db.openCompactor(COMPACTOR.withL0Threshold(2))) {
                assertTrue(c.runOnce());
                w.put(lsn(40), b("z"));
                w.flush();
            }
            try (RetentionCompactor r = db.openRetentionCompactor(byAge(Duration.ZERO, 1))) {
                assertEquals(OptionalLong.of(40), r.runOnce().lowWatermarkLsn());
            }
            try (RetentionCompactor r = db.openRetentionCompactor(byAge(Duration.ZERO, 0))) {
                assertEquals(OptionalLong.of(41), r.runOnce().lowWatermarkLsn(), "nothing held: everything up to the head is gone");
            }
            reader.refresh();
            assertEquals(OptionalLong.of(41), reader.lowWatermarkLsn());
            assertEquals(OptionalLong.of(40), reader.maxCommittedLsn());
        }
        try (IsleReader fresh = db.openReader(ReaderOptions.defaults())) {
            assertEquals(OptionalLong.of(41), fresh.lowWatermarkLsn());
        }
    }

    @Test
    void withoutLsnsTheWatermarkStaysUnset() {
        try (IsleWriter w = db.openWriter(WRITER)) {
            w.put(b("a"), b("1"));
            w.flush();
        }
        try (RetentionCompactor r = db.openRetentionCompactor(byAge(Duration.ZERO, 0))) {
            assertEquals(OptionalLong.empty(), r.runOnce().lowWatermarkLsn());
        }
        assertEquals(OptionalLong.empty(), counted.state().lowWatermarkLsn());
    }

    // --------------------------------------------------------------------------------- costs

    @Test
    void anIdlePassCostsOneProbeAndARemovalOneMoreLogEntry() {
        try (IsleWriter w = db.openWriter(WRITER)) {
            w.put(b("a"), b("1"));
            w.flush();
            w.put(b("b"), b("1"));
            w.flush();
        }
        try (RetentionCompactor r = db.openRetentionCompactor(byAge(Duration.ZERO, 1))) {
            store.reset();
            long before = store.total();
            assertEquals(1, r.runOnce().removedSstIds().size());
            assertEquals(1, store.count("get"), "the probe for a new log entry");
            assertEquals(1, store.count("put"), "the remove_sstables entry");
            assertEquals(0, store.count("delete"), "deleting the objects is the garbage collector's work");
            assertEquals(2, store.total() - before);
            before = store.total();
            assertTrue(r.runOnce().isEmpty());
            assertEquals(1, store.total() - before, "an idle pass is one probe");
        }
    }

    @Test
    void aFailureAtAnyRequestOfAPassLeavesTheStateWholeAndTheNextPassFinishesOrReportsTheJobOnce() {
        for (InstrumentedStore.Fault fault : InstrumentedStore.Fault.values()) {
            for (int n = 1; n <= 3; n++) {
                String where = fault + " request " + n;
                IsleDB faulty = IsleDB.onStore(store, "f-" + fault + n + "/", IsleOptions.defaults().withClock(clock));
                try (IsleWriter w = faulty.openWriter(WRITER)) {
                    flushTables(w, 4);
                }
                try (RetentionCompactor r = faulty.openRetentionCompactor(byAge(Duration.ZERO, 2))) {
                    store.failRequest(n, fault);
                    int removed = 0;
                    try {
                        removed = r.runOnce().removedSstIds().size();
                    } catch (io.lode.LodeException e) {
                        assertEquals(ErrorCode.IO, e.code(), where);
                    }
                    store.disarm();
                    // finishes the job, or reports it finished if the failed pass's entry landed
                    removed += r.runOnce().removedSstIds().size();
                    assertEquals(2, removed, where);
                    assertTrue(r.runOnce().isEmpty(), where);
                }
                try (ManifestLog log = ManifestLog.open(new ObjectStoreManifestStorage(store, "f-" + fault + n + "/"));
                        IsleReader reader = faulty.openReader(ReaderOptions.defaults())) {
                    assertEquals(2, log.state().tables().size(), where);
                    assertEquals(100, reader.scan(null, null, Integer.MAX_VALUE).size(), where);
                }
            }
        }
    }

    // ------------------------------------------------------------------ beside the other roles

    /** Flushes {@code n} tables of distinct keys; returns the keys of each, oldest table first. */
    private static List<List<String>> flushTables(IsleWriter w, int n) {
        List<List<String>> tables = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String k = "t" + t + "-" + i;
                w.put(b(k), b("v" + t));
                keys.add(k);
            }
            w.flush();
            tables.add(keys);
        }
        return tables;
    }

    @Test
    void aMergeWhoseInputRetentionRemovedMeanwhileIsAbandonedAndDoesNotBringItBack() {
        List<String> events = new CopyOnWriteArrayList<>();
        List<List<String>> tables;
        try (IsleWriter w = db.openWriter(WRITER)) {
            tables = flushTables(w, 4);
        }
        String oldest = ids(counted.state().l0()).getLast();
        try (RetentionCompactor r = db.openRetentionCompactor(byAge(Duration.ZERO, 3))) {
            // retention commits while the merge is under way: after its inputs were chosen
            CompactionListener listener = new CompactionListener() {
                @Override
                public void started(CompactionJob job) {
                    events.add("started " + job.inputSstIds().size());
                    events.add("retention removed " + r.runOnce().removedSstIds());
                }

                @Override
                public void ended(CompactionJob job, List<String> outputSstIds, Throwable failure) {
                    events.add("ended");
                }

                @Override
                public void abandoned(CompactionJob job, List<String> removedInputIds) {
                    events.add("abandoned " + removedInputIds);
                }
            };
            try (Compactor c = db.openCompactor(COMPACTOR.withListener(listener))) {
                assertFalse(c.runOnce(), "the merge was not committed");
            }
        }
        assertEquals(List.of("started 4", "retention removed [" + oldest + "]", "abandoned [" + oldest + "]"), events);
        assertEquals(3, counted.state().l0().size());
        assertEquals(List.of(), counted.state().runs());
        try (IsleReader reader = db.openReader(ReaderOptions.defaults())) {
            assertEquals(150, reader.scan(null, null, Integer.MAX_VALUE).size());
            for (String k : tables.getFirst()) {
                assertNull(reader.get(b(k)), k);
            }
        }
    }

    @Test
    void aRemovalOfTablesAMergeReplacedMeanwhileSelectsAgainFromTheMergedRun() {
        try (IsleWriter w = db.openWriter(WRITER)) {
            flushTables(w, 4);
        }
        List<String> level0 = ids(counted.state().l0());
        try (Compactor c = db.openCompactor(COMPACTOR)) {
            // The merge commits after retention read the state, when it asks for "now" (instant())
            // to select level 0; its log reads the clock by millis(), which leaves the merge be.
            boolean[] merged = new boolean[1];
            InstantSource mergingClock = new InstantSource() {
                @Override
                public Instant instant() {
                    if (!merged[0]) {
                        merged[0] = true;
                        assertTrue(c.runOnce());
                    }
                    return clock.instant();
                }

                @Override
                public long millis() {
                    return clock.millis();
                }
            };
            IsleDB merging = IsleDB.onStore(store, "db/", CountedDatabase.options(mergingClock));
            try (RetentionCompactor r = merging.openRetentionCompactor(byAge(Duration.ZERO, 0))) {
                RetentionResult result = r.runOnce();
                List<String> run = ids(counted.state().runs().isEmpty() ? List.of() : counted.state().runs().getFirst().ssts());
                assertEquals(List.of(), run, "the run is removed too");
                assertEquals(1, result.removedSstIds().size());
                assertFalse(level0.contains(result.removedSstIds().getFirst()), "it removed the merged table, not the replaced ones");
            }
        }
        assertEquals(List.of(), counted.state().tables());
        try (IsleReader reader = db.openReader(ReaderOptions.defaults())) {
            assertEquals(List.of(), reader.scan(null, null, Integer.MAX_VALUE));
        }
    }

    @Test
    void aNewerRetentionCompactorFencesTheOlderOneButNeverTheWriterOrTheCompactor() {
        try (IsleWriter w = db.openWriter(WRITER); Compactor c = db.openCompactor(COMPACTOR)) {
            RetentionCompactor first = db.openRetentionCompactor(byAge(Duration.ZERO, 2));
            assertFalse(first.isFenced());
            try (RetentionCompactor second = db.openRetentionCompactor(byAge(Duration.ZERO, 2))) {
                flushTables(w, 4);
                assertFails(ErrorCode.FENCED, first::runOnce);
                assertTrue(first.isFenced());
                assertFails(ErrorCode.FENCED, first::runOnce);
                assertFails(ErrorCode.FENCED, first::start);
                assertTrue(c.runOnce(), "the compactor is not fenced");
                flushTables(w, 3); // nor the writer
                assertEquals(2, second.runOnce().removedSstIds().size());
                // a newer writer and compactor do not fence the retention compactor either
                try (IsleWriter w2 = db.openWriter(WRITER); Compactor c2 = db.openCompactor(COMPACTOR)) {
                    w2.put(b("x"), b("1"));
                    w2.flush();
                    assertEquals(1, second.runOnce().removedSstIds().size());
                    assertFalse(second.isFenced());
                }
            }
            first.close();
        }
    }

    // --------------------------------------------------------------------- options, lifecycle

    @Test
    void badOptionsAreRefusedWithWhatToDo() {
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> byAge(Duration.ofSeconds(-1), 1));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> byAge(Duration.ZERO, -1));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> byAge(null, 1));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> byTimeWindow(Duration.ZERO, Duration.ZERO, 1));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> byTimeWindow(Duration.ZERO, Duration.ofNanos(999_999), 1));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> byTimeWindow(Duration.ZERO, null, 1));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> byTimeWindow(Duration.ZERO, Duration.ofNanos(1_500_000), 1));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> byTimeWindow(Duration.ZERO, Duration.ofDays(400_000), 1));
        assertNull(byAge(Duration.ZERO, 1).segment(), "a segment is only for the time-window mode");
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> byAge(Duration.ZERO, 1).withInterval(Duration.ofSeconds(-1)));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> byAge(Duration.ZERO, 1).withListener(null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> db.openRetentionCompactor(null));
        RetentionOptions defaults = RetentionOptions.byTimeWindow(Duration.ofDays(7), Duration.ofHours(1), 10);
        assertEquals(Duration.ofMinutes(1), defaults.interval());
        assertEquals(RetentionOptions.Mode.BY_TIME_WINDOW, defaults.mode());
        assertTrue(defaults.gc().enabled(), "each pass ends with a garbage collection unless turned off");
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> RetentionOptions.byAge(Duration.ZERO, 1).withGc(null));
    }

    @Test
    void startNeedsAnIntervalAndAClosedRetentionCompactorRefusesWork() {
        RetentionCompactor r = db.openRetentionCompactor(byAge(Duration.ZERO, 1).withInterval(Duration.ZERO));
        assertFails(ErrorCode.INVALID_ARGUMENT, r::start);
        r.close();
        assertFails(ErrorCode.CLOSED, r::runOnce);
        assertFails(ErrorCode.CLOSED, r::start);
        r.close(); // idempotent
    }

    @Test
    void backgroundPassesRemoveOnTheirOwnAndTellTheListenerWhoseFailureIsIgnored() {
        List<RetentionResult> told = new CopyOnWriteArrayList<>();
        RetentionListener listener = new RetentionListener() {
            @Override
            public void removed(RetentionResult result) {
                told.add(result);
                throw new IllegalStateException("a listener's failure is ignored");
            }
        };
        try (IsleWriter w = db.openWriter(WRITER)) {
            flushTables(w, 5);
        }
        try (RetentionCompactor r = db.openRetentionCompactor(byAge(Duration.ZERO, 2)
                .withInterval(Duration.ofMillis(10)).withListener(listener))) {
            r.start();
            r.start(); // already running: no second loop
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (counted.state().tables().size() > 2 && System.nanoTime() < deadline) {
                sleep(10);
            }
            r.stop();
        }
        assertEquals(2, counted.state().tables().size());
        assertEquals(1, told.size(), "told once, of the pass that removed something");
        assertEquals(3, told.getFirst().removedSstIds().size());
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
