package io.lode.isle;

import static io.lode.LodeAssertions.assertFails;
import static io.lode.isle.CountedDatabase.COMPACTOR;
import static io.lode.isle.CountedDatabase.WRITER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.lode.isle.OverlappingTables.assertContents;
import static io.lode.isle.OverlappingTables.b;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.isle.manifest.ManifestLog;
import io.lode.isle.manifest.ManifestState;
import io.lode.isle.manifest.ObjectStoreManifestStorage;
import io.lode.isle.manifest.SstMeta;
import io.lode.spi.InstrumentedStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The merge compactor: what a pass merges, what it keeps, what it costs, and that it never fences the writer. */
class CompactorTest {
    /** The database's clock: the system clock, which a test moves ahead to let TTLs run out. */
    private final MovableClock clock = new MovableClock();
    @RegisterExtension
    final CountedDatabase counted = new CountedDatabase(clock);
    private final InstrumentedStore store = counted.store();
    private final IsleDB db = counted.db();

    @Test
    void aCompactionChangesNoReadAndLeavesOneRunInPlaceOfLevel0() {
        TreeMap<String, String> expected;
        try (IsleWriter w = db.openWriter(WRITER)) {
            expected = OverlappingTables.flush(w, 5);
        }
        try (IsleReader before = db.openReader(ReaderOptions.defaults())) {
            assertContents(expected, before);
        }
        try (Compactor c = db.openCompactor(COMPACTOR)) {
            assertTrue(c.runOnce());
            assertFalse(c.runOnce(), "level 0 is empty now");
        }
        ManifestState s = counted.state();
        assertEquals(0, s.l0().size());
        assertEquals(1, s.runs().size());
        try (IsleReader after = db.openReader(ReaderOptions.defaults())) {
            assertContents(expected, after);
        }
    }

    /**
     * A merge keeps to its pace, except when level 0 is twice its threshold deep: then it catches
     * up at full speed. What is asserted is the pacing decision (time waited, zero or not), never
     * how long a merge took.
     */
    @Test
    void aMergeKeepsToItsPaceUnlessLevel0IsTwiceItsThresholdDeep() {
        CompactorOptions slow = COMPACTOR.withMaxBytesPerSecond(256 << 10);
        TreeMap<String, String> expected = new TreeMap<>();
        try (IsleWriter w = db.openWriter(WRITER)) {
            for (int t = 0; t < 8; t++) { // 8 tables: twice the threshold of 4
                for (int i = 0; i < 1_000; i++) {
                    String k = String.format("k%05d", i);
                    String v = t + "-" + "v".repeat(100);
                    w.put(b(k), b(v));
                    expected.put(k, v);
                }
                w.flush();
            }
        }
        try (Compactor c = db.openCompactor(slow)) {
            assertTrue(c.runOnce());
            assertEquals(Duration.ZERO, c.pacedTime(), "8 tables in level 0 are merged unpaced");
        }
        try (IsleWriter w = db.openWriter(WRITER)) {
            for (int t = 0; t < 4; t++) { // 4 tables of about 110 KB, keys of their own: the threshold, not twice it
                for (int i = 0; i < 1_000; i++) {
                    w.put(b(String.format("k%05d", t * 1_000 + i)), b(t + "-" + "w".repeat(100)));
                }
                w.flush();
            }
        }
        try (Compactor c = db.openCompactor(slow)) {
            assertTrue(c.runOnce());
            assertTrue(c.pacedTime().compareTo(Duration.ZERO) > 0, "about 440 KB at 256 KiB/s waits after its first second's worth");
        }
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            for (int i = 0; i < 4_000; i += 97) {
                assertArrayEquals(b(i / 1_000 + "-" + "w".repeat(100)), r.get(b(String.format("k%05d", i))),
                        "a paced merge keeps the newest value");
            }
        }
        assertEquals(32L << 20, CompactorOptions.defaults().maxBytesPerSecond());
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> COMPACTOR.withMaxBytesPerSecond(-1));
    }

    @Test
    void belowTheThresholdNothingIsMerged() {
        try (IsleWriter w = db.openWriter(WRITER)) {
            OverlappingTables.flush(w, 3);
        }
        try (Compactor c = db.openCompactor(COMPACTOR)) {
            assertFalse(c.runOnce());
        }
        assertEquals(3, counted.state().l0().size());
    }

    @Test
    void outputsAreSplitAtTheTargetSizeIntoDisjointOrderedTablesThatKeepSequenceNumbers() {
        TreeMap<String, String> expected = new TreeMap<>();
        long maxSeq;
        try (IsleWriter w = db.openWriter(WRITER)) {
            for (int t = 0; t < 4; t++) {
                for (int i = 0; i < 2_000; i++) {
                    String k = String.format("key-%06d", i * 4 + t);
                    String v = "x".repeat(40) + t + i;
                    w.put(b(k), b(v));
                    expected.put(k, v);
                }
                w.flush();
            }
            maxSeq = counted.state().maxSeq();
        }
        try (Compactor c = db.openCompactor(COMPACTOR.withTargetSstBytes(64 << 10))) {
            assertTrue(c.runOnce());
        }
        ManifestState s = counted.state();
        List<SstMeta> run = s.runs().getFirst().ssts();
        assertTrue(run.size() > 1, "split into " + run.size());
        for (int i = 1; i < run.size(); i++) {
            assertTrue(Arrays.compareUnsigned(run.get(i - 1).maxKey(), run.get(i).minKey()) < 0, "disjoint and ordered");
        }
        assertEquals(maxSeq, run.stream().mapToLong(SstMeta::seqHi).max().orElseThrow(), "sequence numbers are kept");
        assertEquals(1, run.stream().mapToLong(SstMeta::seqLo).min().orElseThrow());
        assertTrue(run.stream().allMatch(m -> m.id().startsWith("c")), "compactor ids never collide with writer ids");
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            List<KeyValue> want = new ArrayList<>();
            expected.forEach((k, v) -> want.add(new KeyValue(b(k), b(v))));
            assertEquals(want, r.scan(null, null, Integer.MAX_VALUE));
        }
    }

    @Test
    void tombstonesAndExpiredValuesAreDroppedWhenNothingOlderLiesBelow() {
        try (IsleWriter w = db.openWriter(WRITER)) {
            w.put(b("live"), b("1"));
            w.put(b("gone"), b("1"));
            w.flush();
            w.delete(b("gone"));
            w.flush();
            w.put(b("brief"), b("1"), Duration.ofMinutes(1));
            w.flush();
            w.put(b("other"), b("2"));
            w.flush();
        }
        clock.advance(Duration.ofMinutes(2));
        try (Compactor c = db.openCompactor(COMPACTOR)) {
            assertTrue(c.runOnce());
        }
        List<SstMeta> run = counted.state().runs().getFirst().ssts();
        assertEquals(2, run.stream().mapToLong(SstMeta::entries).sum(), "only live and other survive");
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            assertEquals(List.of(new KeyValue(b("live"), b("1")), new KeyValue(b("other"), b("2"))), r.scan(null, null, 10));
        }
    }

    @Test
    void aTombstoneAboveAnOlderRunIsKeptSoTheOldValueStaysHidden() {
        try (IsleWriter w = db.openWriter(WRITER); Compactor c = db.openCompactor(COMPACTOR)) {
            for (int t = 0; t < 4; t++) {
                w.put(b("k" + t), b("old"));
                w.flush();
            }
            assertTrue(c.runOnce());
            w.delete(b("k0"));
            w.flush();
            for (int t = 1; t < 4; t++) {
                w.put(b("n" + t), b("new"));
                w.flush();
            }
            assertTrue(c.runOnce());
        }
        ManifestState s = counted.state();
        assertEquals(2, s.runs().size());
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            assertNull(r.get(b("k0")));
            assertArrayEquals(b("old"), r.get(b("k1")));
            assertEquals(6, r.scan(null, null, 100).size());
        }
    }

    /** Writes {@code tables} flushed tables of puts and deletes over keys k0000..k(keys-1), recording them in {@code expected}. */
    private static void writeTables(IsleWriter w, TreeMap<String, String> expected, int tables, int keys, int perTable,
            int valueBytes, int round) {
        for (int t = 0; t < tables; t++) {
            for (int i = 0; i < perTable; i++) {
                String k = String.format("k%04d", (i * 13 + t * 7 + round * 3) % keys);
                if ((i + t + round) % 7 == 0) {
                    w.delete(b(k));
                    expected.remove(k);
                } else {
                    String v = round + "-" + t + "-" + i + "x".repeat(valueBytes);
                    w.put(b(k), b(v));
                    expected.put(k, v);
                }
            }
            w.flush();
        }
    }

    @Test
    void aMergeOfRunsThatAreNotTheNewestKeepsTheNewestValueForGetsAndScans() {
        TreeMap<String, String> expected = new TreeMap<>();
        try (IsleWriter w = db.openWriter(WRITER)) {
            try (Compactor c = db.openCompactor(COMPACTOR)) {
                for (int round = 0; round < 4; round++) {
                    writeTables(w, expected, 4, 500, 60, 10, round);
                    assertTrue(c.runOnce());
                }
            }
            // a newest run far larger than the four small ones, so only those four qualify
            writeTables(w, expected, 4, 500, 400, 400, 9);
            try (Compactor c = db.openCompactor(COMPACTOR)) {
                assertTrue(c.runOnce(), "level 0 first");
                List<Long> before = counted.state().runs().stream().map(r -> r.id()).toList();
                assertEquals(5, before.size());
                assertTrue(c.runOnce(), "then the four older runs");
                ManifestState s = counted.state();
                assertEquals(2, s.runs().size());
                assertEquals(before.getFirst(), s.runs().getFirst().id(), "the newest run stays in front");
                assertEquals(s.nextRunId() - 1, s.runs().get(1).id(), "the merged run takes the place of its newest input");
                assertFalse(c.runOnce());
            }
        }
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            assertContents(expected, r);
        }
    }

    @Test
    void aCompactionCostsItsInputReadsItsOutputPutsAndOneLogEntry() {
        try (IsleWriter w = db.openWriter(WRITER)) {
            OverlappingTables.flush(w, 4);
        }
        try (Compactor c = db.openCompactor(COMPACTOR)) {
            store.reset();
            long before = store.total();
            assertTrue(c.runOnce());
            long requests = store.total() - before;
            int puts = store.count("put");
            int gets = store.count("get");
            assertEquals(0, store.count("delete"), "inputs are left for the garbage collector");
            assertEquals(0, store.count("list"));
            int outputs = counted.state().runs().getFirst().ssts().size();
            assertEquals(1, outputs);
            assertEquals(outputs + 1, puts, "each output once, and one log entry");
            assertEquals(4 + 1, gets, "each input once, and the probe for a new log entry");
            assertEquals(puts + gets, requests);
        }
    }

    /** The compactors' scratch directories under java.io.tmpdir (of every process: the machine is shared). */
    private static Set<Path> scratchDirectories() throws IOException {
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return tmp.filter(p -> p.getFileName().toString().startsWith("lode-compactor-")).collect(Collectors.toSet());
        }
    }

    @Test
    void withNoMemoryForInputsMergesStreamThemThroughAScratchDirectoryThatCloseRemoves() throws IOException {
        assertEquals(64L << 20, CompactorOptions.defaults().memoryInputBytes());
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> COMPACTOR.withMemoryInputBytes(-1));
        Set<Path> before = scratchDirectories();
        TreeMap<String, String> expected = null;
        try (IsleWriter w = db.openWriter(WRITER); Compactor c = db.openCompactor(COMPACTOR.withMemoryInputBytes(0))) {
            // four level-0 merges, then the merge of the four runs they made
            for (int round = 0; round < 4; round++) {
                expected = OverlappingTables.flush(w, 4); // the same keys each round: the last one says what remains
                store.reset();
                long requests = store.total();
                assertTrue(c.runOnce());
                assertEquals(4, store.count("openStream"), "each input streamed once into the scratch directory");
                // The log is read in windows of 1, 2 and 4 entries at once: the writer's 4 and 3 past the end.
                assertEquals(1 + 2 + 4, store.count("get"), "the writer's 4 log entries and the probe: no input read whole");
                assertEquals(2, store.count("put"), "the output and the log entry");
                assertEquals(13, store.total() - requests);
            }
            assertEquals(4, counted.state().runs().size());
            store.reset();
            assertTrue(c.runOnce(), "the runs are merged");
            assertEquals(4, store.count("openStream"));
            assertEquals(1, store.count("get"));
            assertEquals(1, counted.state().runs().size());
            Set<Path> scratch = new HashSet<>(scratchDirectories());
            scratch.removeAll(before);
            assertFalse(scratch.isEmpty(), "the inputs went through a scratch directory");
            for (Path dir : scratch) {
                try (Stream<Path> files = Files.walk(dir)) {
                    assertEquals(List.of(), files.filter(Files::isRegularFile).toList(), "each input is deleted once merged");
                }
            }
        }
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            assertContents(expected, r);
        }
        Set<Path> left = new HashSet<>(scratchDirectories());
        left.removeAll(before);
        assertEquals(Set.of(), left, "close removes the scratch directory");
    }

    @Test
    void aFailureAtAnyRequestOfAPassLeavesReadsIntactAndTheNextPassFinishesTheJob() {
        for (InstrumentedStore.Fault fault : InstrumentedStore.Fault.values()) {
            for (int request = 1; request <= 7; request++) {
                String where = fault + " request " + request;
                String prefix = "fault-" + fault + "-" + request + "/";
                IsleDB faulty = IsleDB.onStore(store, prefix, IsleOptions.defaults());
                TreeMap<String, String> expected;
                try (IsleWriter w = faulty.openWriter(WRITER)) {
                    expected = OverlappingTables.flush(w, 4);
                }
                try (Compactor c = faulty.openCompactor(COMPACTOR)) {
                    store.failRequest(request, fault);
                    try {
                        c.runOnce();
                    } catch (LodeException e) {
                        assertEquals(ErrorCode.IO, e.code(), where);
                    }
                    store.disarm();
                    try (IsleReader r = faulty.openReader(ReaderOptions.defaults())) {
                        assertContents(expected, r);
                    }
                    c.runOnce(); // finishes the job, or finds it finished
                }
                try (ManifestLog log = ManifestLog.open(new ObjectStoreManifestStorage(store, prefix))) {
                    assertEquals(0, log.state().l0().size(), where);
                    assertEquals(1, log.state().runs().size(), where);
                }
                try (IsleReader r = faulty.openReader(ReaderOptions.defaults())) {
                    assertContents(expected, r);
                }
            }
        }
    }

    @Test
    void theWriterAndTheCompactorCommitConcurrentlyWithoutFencingEachOther() throws Exception {
        TreeMap<String, String> expected = new TreeMap<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int compactions = 0;
        try (IsleWriter w = db.openWriter(WRITER); Compactor c = db.openCompactor(COMPACTOR)) {
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    for (int round = 0; round < 60; round++) {
                        for (int i = 0; i < 20; i++) {
                            String k = "k" + ((round * 20 + i) % 150);
                            w.put(b(k), b("v" + round + "-" + i));
                        }
                        w.flush();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            while (writer.isAlive()) {
                compactions += c.runOnce() ? 1 : 0;
            }
            writer.join();
            compactions += c.runOnce() ? 1 : 0;
            w.put(b("last"), b("1"));
            w.flush(); // the writer still commits after all of the compactor's entries
        }
        assertNull(failure.get(), () -> "the writer failed: " + failure.get());
        assertTrue(compactions >= 2, "compactions: " + compactions);
        for (int round = 0; round < 60; round++) {
            for (int i = 0; i < 20; i++) {
                expected.put("k" + ((round * 20 + i) % 150), "v" + round + "-" + i);
            }
        }
        expected.put("last", "1");
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            List<KeyValue> want = new ArrayList<>();
            expected.forEach((k, v) -> want.add(new KeyValue(b(k), b(v))));
            List<KeyValue> got = r.scan(null, null, Integer.MAX_VALUE);
            assertEquals(want.size(), got.size());
            for (Map.Entry<String, String> e : expected.entrySet()) {
                assertArrayEquals(b(e.getValue()), r.get(b(e.getKey())), e.getKey());
            }
        }
    }

    /** The "a minute" scaled to three seconds for the suite; the schedule is the same. */
    @Test
    void aWriterFlushingEvery10msBesideABackgroundCompactorIsNeverFencedAndLosesNothing() {
        TreeMap<String, String> expected = new TreeMap<>();
        int[] merges = new int[1];
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompactorOptions background = COMPACTOR.withInterval(Duration.ofMillis(10)).withListener(new CompactionListener() {
            @Override
            public void ended(CompactionJob job, List<String> outputSstIds, Throwable failure) {
                if (failure != null) {
                    failures.add(failure);
                }
                merges[0]++;
            }
        });
        try (IsleWriter w = db.openWriter(WRITER.withFlushInterval(Duration.ofMillis(10)));
                Compactor c = db.openCompactor(background)) {
            c.start();
            long end = System.nanoTime() + 3_000_000_000L;
            for (int i = 0; System.nanoTime() < end; i++) {
                String k = "k" + (i % 2_000);
                if (i % 11 == 0) {
                    w.delete(b(k));
                    expected.remove(k);
                } else {
                    w.put(b(k), b("v" + i));
                    expected.put(k, "v" + i);
                }
                if (i % 50 == 0) {
                    sleep(1);
                }
            }
            c.stop();
        }
        assertEquals(List.of(), failures);
        assertTrue(merges[0] >= 2, "merges: " + merges[0]);
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            List<KeyValue> want = new ArrayList<>();
            expected.forEach((k, v) -> want.add(new KeyValue(b(k), b(v))));
            assertEquals(want, r.scan(null, null, Integer.MAX_VALUE));
        }
    }

    @Test
    void aNewerCompactorFencesTheOlderOneButNeverTheWriter() {
        try (IsleWriter w = db.openWriter(WRITER)) {
            Compactor first = db.openCompactor(COMPACTOR);
            try (Compactor second = db.openCompactor(COMPACTOR)) {
                OverlappingTables.flush(w, 4);
                assertFails(ErrorCode.FENCED, first::runOnce);
                assertFails(ErrorCode.FENCED, first::runOnce);
                assertTrue(second.runOnce());
                w.put(b("after"), b("1"));
                w.flush();
            }
            first.close();
        }
    }

    @Test
    void theListenerIsToldOfEachCompactionAndCannotFailIt() {
        List<String> events = new ArrayList<>();
        CompactionListener listener = new CompactionListener() {
            @Override
            public void started(CompactionJob job) {
                events.add("started " + job.level0() + " " + job.inputSstIds().size());
                throw new IllegalStateException("a listener's failure is ignored");
            }

            @Override
            public void ended(CompactionJob job, List<String> outputSstIds, Throwable failure) {
                events.add("ended " + outputSstIds.size() + " " + failure);
                throw new IllegalStateException("a listener's failure is ignored");
            }
        };
        try (IsleWriter w = db.openWriter(WRITER); Compactor c = db.openCompactor(COMPACTOR.withListener(listener))) {
            OverlappingTables.flush(w, 4);
            assertTrue(c.runOnce());
        }
        assertEquals(List.of("started true 4", "ended 1 null"), events);
        assertEquals(1, counted.state().runs().size());
    }

    @Test
    void startNeedsAnIntervalAndAClosedCompactorRefusesWork() {
        Compactor c = db.openCompactor(COMPACTOR);
        assertFails(ErrorCode.INVALID_ARGUMENT, c::start);
        c.close();
        assertFails(ErrorCode.CLOSED, c::runOnce);
        c.close(); // idempotent
    }

    @Test
    void backgroundPassesCompactOnTheirOwn() {
        try (IsleWriter w = db.openWriter(WRITER);
                Compactor c = db.openCompactor(COMPACTOR.withInterval(Duration.ofMillis(10)))) {
            OverlappingTables.flush(w, 4);
            c.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (counted.state().l0().size() > 0 && System.nanoTime() < deadline) {
                sleep(10);
            }
            c.stop();
        }
        assertEquals(0, counted.state().l0().size());
        assertEquals(1, counted.state().runs().size());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
