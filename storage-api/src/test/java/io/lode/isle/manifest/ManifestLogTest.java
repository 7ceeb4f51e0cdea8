package io.lode.isle.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.isle.ManifestStorage;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.spi.InstrumentedStore;
import io.lode.spi.ObjectBody;
import io.lode.spi.PutMode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The manifest protocol of docs/isle-protocol.md, on the memory store. */
class ManifestLogTest {
    private LodeConnection connection;
    private InstrumentedStore store;

    @BeforeEach
    void open() {
        connection = Lode.connect("lode:mem:manifest-" + UUID.randomUUID());
        store = new InstrumentedStore(connection.store());
    }

    @AfterEach
    void close() {
        connection.close();
    }

    private ManifestStorage storage() {
        return new ObjectStoreManifestStorage(store, "db/");
    }

    private static int sstCounter;

    static LogOp.AddSsts flush(String id) {
        long seq = ++sstCounter * 10L;
        return new LogOp.AddSsts(List.of(new SstMeta(id, seq, seq + 9, new byte[] {0}, new byte[] {(byte) 0xFF}, 100,
                "xxh64:0000000000000000", 10, false, Instant.parse("2026-11-21T00:00:00Z"))));
    }

    private static final OptionalLong NONE = OptionalLong.empty();

    private static Set<String> l0Ids(ManifestState s) {
        return s.l0().stream().map(SstMeta::id).collect(Collectors.toSet());
    }

    @Test
    void aFreshDatabaseIsEmptyAndItsFirstClaimIsEpochOneAtPositionOne() {
        ManifestLog log = ManifestLog.open(storage());
        assertEquals(ManifestState.EMPTY, log.state());
        assertEquals(1, log.claim(Role.WRITER, "w1"));
        assertEquals(1, log.state().logSeq());
        assertEquals(new Fence(1, "w1"), log.state().fences().get(Role.WRITER));
        LogEntry e = log.commit(flush("a"), OptionalLong.of(7), NONE);
        assertEquals(2, e.seq());
        ManifestState fresh = ManifestLog.open(storage()).state();
        assertEquals(Set.of("a"), l0Ids(fresh));
        assertEquals(OptionalLong.of(7), fresh.maxCommittedLsn());
    }

    @Test
    void aCommitCostsOneRequestAndAnIdleRefreshOneRead() {
        ManifestLog log = ManifestLog.open(storage(), 64, 16);
        log.claim(Role.WRITER, "w");
        ManifestLog reader = ManifestLog.open(storage());
        for (int i = 1; i <= 40; i++) {
            store.reset();
            long before = store.total();
            log.commit(flush("c" + i), NONE, NONE);
            long cost = store.total() - before;
            // a CURRENT move is due after every 16th commit (one conditional put, its etag is cached)
            assertEquals(i % 16 == 0 ? 2 : 1, cost, "commit " + i);
        }
        reader.refresh();
        long before = store.total();
        assertTrue(!reader.refresh());
        assertEquals(1, store.total() - before, "an idle refresh is one read that finds nothing");
        assertEquals(0, store.count("list"));
    }

    @Test
    void aColdOpenAfterAThousandCommitsReadsCurrentOneSnapshotAndFewerThan81Entries() {
        ManifestLog log = ManifestLog.open(storage());
        log.claim(Role.WRITER, "w");
        for (int i = 0; i < 1_000; i++) {
            log.commit(flush("s" + i), NONE, NONE);
        }
        store.reset();
        ManifestState state = ManifestLog.open(storage()).state();
        assertEquals(1_001, state.logSeq());
        assertEquals(1_000, state.l0().size());
        assertEquals(0, store.count("list"));
        // gets: CURRENT, the snapshot, the entries after it, and the one read that finds the end
        int gets = store.count("get");
        assertTrue(gets - 2 < 81, "read " + gets + " objects");
        assertEquals(state, ManifestLog.open(storage()).state());
    }

    @Test
    void aSecondWriterFencesTheFirstAndItsLaterChangesNeverAppear() {
        ManifestLog a = ManifestLog.open(storage());
        a.claim(Role.WRITER, "a");
        a.commit(flush("a1"), NONE, NONE);

        ManifestLog b = ManifestLog.open(storage());
        assertEquals(2, b.claim(Role.WRITER, "b"));
        assertEquals(Set.of("a1"), l0Ids(b.state()), "b sees what a committed before b's claim");

        LodeException fenced = assertThrows(LodeException.class, () -> a.commit(flush("a2"), NONE, NONE));
        assertEquals(ErrorCode.FENCED, fenced.code());
        assertTrue(fenced.getMessage().contains("fenced by b"), fenced.getMessage());
        assertThrows(LodeException.class, () -> a.commit(flush("a3"), NONE, NONE));

        b.commit(flush("b1"), NONE, NONE);
        assertEquals(Set.of("a1", "b1"), l0Ids(ManifestLog.open(storage()).state()));
    }

    @Test
    void aStaleWritersEntryAfterANewerClaimIsIgnoredOnReplay() {
        ManifestLog a = ManifestLog.open(storage());
        a.claim(Role.WRITER, "a");
        ManifestLog b = ManifestLog.open(storage());
        b.claim(Role.WRITER, "b");
        // a writes straight to the next position, as a process that never saw b's claim could
        LogEntry stale = new LogEntry(3, Role.WRITER, 1, "a", "n", Instant.now(), flush("late"), NONE, NONE);
        store.put("db/manifest/log/" + String.format("%020d", 3) + ".json", ObjectBody.of(ManifestCodec.encode(stale)), PutMode.CREATE);
        ManifestState replayed = ManifestLog.open(storage()).state();
        assertEquals(3, replayed.logSeq());
        assertEquals(Set.of(), l0Ids(replayed));
    }

    @Test
    void aWriterAndACompactorAppendConcurrentlyAndEveryPositionHasOneEntry() throws Exception {
        ManifestLog writer = ManifestLog.open(storage());
        writer.claim(Role.WRITER, "w");
        ManifestLog compactor = ManifestLog.open(storage());
        compactor.claim(Role.COMPACTOR, "c");
        int each = 1_500;
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> w = pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    writer.commit(flush("w" + i), NONE, NONE);
                }
                return null;
            });
            Future<?> c = pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    compactor.commit(new LogOp.Compaction(List.of(), List.of(), null), NONE, NONE);
                }
                return null;
            });
            w.get();
            c.get();
        } finally {
            pool.shutdownNow();
        }
        writer.refresh();
        compactor.refresh();
        ManifestState fresh = ManifestLog.open(storage()).state();
        assertEquals(2 + 2 * each, fresh.logSeq());
        assertEquals(each, fresh.l0().size());
        assertEquals(fresh, writer.state());
        assertEquals(fresh, compactor.state());
        int writerEntries = 0;
        for (long seq = 1; seq <= fresh.logSeq(); seq++) {
            byte[] json = storage().readLogEntry(seq).orElseThrow();
            if (ManifestCodec.decodeLogEntry(json, "entry", seq).role() == Role.WRITER) {
                writerEntries++;
            }
        }
        assertEquals(each + 1, writerEntries);
    }

    @Test
    void noAcknowledgedCommitIsLostOrDoubledWhateverRequestFails() {
        for (InstrumentedStore.Fault fault : InstrumentedStore.Fault.values()) {
            for (int n = 1; n <= 40; n++) {
                String prefix = "faults-" + fault + "-" + n + "/";
                ObjectStoreManifestStorage s = new ObjectStoreManifestStorage(store, prefix);
                ManifestLog log = ManifestLog.open(s, 8, 4);
                log.claim(Role.WRITER, "w");
                store.failRequest(n, fault);
                Set<String> acknowledged = new HashSet<>();
                for (int i = 0; i < 12; i++) {
                    String id = "f" + i;
                    while (true) {
                        try {
                            log.commit(flush(id), NONE, NONE);
                            acknowledged.add(id);
                            break;
                        } catch (LodeException e) {
                            assertEquals(ErrorCode.IO, e.code(), e::toString);
                            // the next attempt first learns whether the failed one landed
                            Optional<LogEntry> landed = resolve(log);
                            if (landed.isPresent()) {
                                acknowledged.add(id);
                                break;
                            }
                        }
                    }
                }
                store.disarm();
                ManifestState replayed = ManifestLog.open(s).state();
                List<String> ids = replayed.l0().stream().map(SstMeta::id).toList();
                assertEquals(acknowledged, new HashSet<>(ids), fault + " at request " + n);
                assertEquals(ids.size(), new HashSet<>(ids).size(), "nothing twice: " + fault + " at request " + n);
                assertEquals(12, ids.size());
            }
        }
    }

    /** Resolving reads the store too, and may meet a failure itself; the doubt stays until it succeeds. */
    private static Optional<LogEntry> resolve(ManifestLog log) {
        while (true) {
            try {
                return log.resolveInDoubt();
            } catch (LodeException e) {
                assertEquals(ErrorCode.IO, e.code(), e::toString);
            }
        }
    }

    @Test
    void incrementalRefreshAgreesWithAFreshReplay() {
        ManifestLog writer = ManifestLog.open(storage(), 8, 3);
        writer.claim(Role.WRITER, "w");
        ManifestLog reader = ManifestLog.open(storage());
        List<ManifestState> seen = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            writer.commit(i % 7 == 6 ? new LogOp.RemoveSsts(List.of("r" + (i - 3))) : flush("r" + i), NONE, NONE);
            if (i % 5 == 0) {
                reader.refresh();
                seen.add(reader.state());
                assertEquals(ManifestLog.open(storage()).state(), reader.state());
            }
        }
        assertTrue(seen.size() > 5);
    }

    @Test
    void corruptOrUnknownManifestObjectsAreReportedWithTheirName() {
        ManifestLog log = ManifestLog.open(storage());
        log.claim(Role.WRITER, "w");
        store.put("db/manifest/log/" + String.format("%020d", 2) + ".json", new byte[] {'{', 'x'});
        LodeException e = assertThrows(LodeException.class, () -> ManifestLog.open(storage()));
        assertEquals(ErrorCode.CORRUPTION, e.code());
        assertTrue(e.getMessage().contains("00000000000000000002.json"), e.getMessage());

        store.delete("db/manifest/log/" + String.format("%020d", 2) + ".json");
        store.put("db/manifest/log/" + String.format("%020d", 2) + ".json",
                "{\"version\":1,\"seq\":2,\"role\":\"writer\",\"epoch\":1,\"owner\":\"w\",\"nonce\":\"n\",\"ts\":\"2026-11-21T00:00:00Z\",\"op\":\"add_sstables\",\"add_sstables\":[{\"id\":\"x\"}]}".getBytes());
        e = assertThrows(LodeException.class, () -> ManifestLog.open(storage()));
        assertEquals(ErrorCode.CORRUPTION, e.code());
        assertTrue(e.getMessage().contains("'seq_lo' is missing"), e.getMessage());

        String current = "db/manifest/CURRENT";
        String etag = store.head(current).orElseThrow().etag();
        store.put(current, ObjectBody.of("{\"version\":9,\"snapshot_seq\":0,\"next_seq_hint\":1}".getBytes()), PutMode.ifMatch(etag));
        e = assertThrows(LodeException.class, () -> ManifestLog.open(storage()));
        assertEquals(ErrorCode.UNSUPPORTED, e.code());
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());
    }

    @Test
    void everyObjectRoundTripsThroughItsJson() {
        SstMeta sst = new SstMeta("1-2", 5, 9, new byte[] {0, (byte) 0xFF}, new byte[] {(byte) 0xFF}, 42, "xxh64:1", 3, true,
                Instant.parse("2026-11-21T01:02:03.456Z")).withLsns(OptionalLong.of(100), OptionalLong.of(900));
        LogEntry compaction = new LogEntry(9, Role.COMPACTOR, 4, "c", "nonce", Instant.parse("2026-11-21T00:00:00Z"),
                new LogOp.Compaction(List.of("a", "b"), List.of(3L), new SortedRun(7, List.of(sst))), OptionalLong.of(10), OptionalLong.of(2));
        assertEquals(compaction, ManifestCodec.decodeLogEntry(ManifestCodec.encode(compaction), "t", 9));
        ManifestState state = ManifestState.EMPTY.apply(new LogEntry(1, Role.WRITER, 1, "w", "n", Instant.EPOCH,
                new LogOp.FenceClaim(), NONE, NONE)).apply(new LogEntry(2, Role.WRITER, 1, "w", "n2", Instant.EPOCH,
                new LogOp.AddSsts(List.of(sst)), OptionalLong.of(5), NONE)).apply(new LogEntry(3, Role.RETENTION, 1, "r", "n3",
                Instant.EPOCH, new LogOp.FenceClaim(), NONE, NONE));
        assertEquals(Set.of(Role.WRITER, Role.RETENTION), state.fences().keySet());
        assertEquals(state, ManifestCodec.decodeSnapshot(ManifestCodec.encode(state), "t"));
        assertArrayEquals(ManifestCodec.encode(state), ManifestCodec.encode(ManifestCodec.decodeSnapshot(ManifestCodec.encode(state), "t")));
        CurrentHint hint = CurrentHint.of(state, "00000000000000000002-abcd", 2);
        assertEquals(hint, ManifestCodec.decodeCurrent(ManifestCodec.encode(hint), "t"));
    }

    // ------------------------------------------------------- entries collected below a snapshot

    /** How far the clock of the logs below runs ahead of the system clock. */
    private final AtomicLong ahead = new AtomicLong();
    private final InstantSource clock = () -> Instant.now().plusMillis(ahead.get());

    /** Commits {@code n} flushes through a log that writes a snapshot every 4 entries and moves CURRENT each time. */
    private static void commitFlushes(ManifestLog committer, String prefix, int n) {
        for (int i = 0; i < n; i++) {
            committer.commit(flush(prefix + i), NONE, NONE);
        }
    }

    /** Deletes the entries the snapshot in CURRENT covers, as the garbage collector does after its grace period. */
    private long collectBelowSnapshot() {
        CurrentHint hint = ManifestCodec.decodeCurrent(storage().readCurrent().orElseThrow().bytes(), "CURRENT");
        for (long seq = 1; seq <= hint.snapshotSeq(); seq++) {
            storage().deleteLogEntry(seq);
        }
        return hint.snapshotSeq();
    }

    @Test
    void aLogThatSawTheEndRecentlyTrustsAMissingEntryAndPaysOneRead() {
        ManifestLog committer = ManifestLog.open(storage(), 4, 1, clock);
        committer.claim(Role.WRITER, "w");
        ManifestLog reader = ManifestLog.open(storage(), 4, 1, clock);
        ahead.addAndGet(ManifestLog.RECHECK_AFTER.toMillis() - 1_000);
        store.reset();
        assertEquals(false, reader.refresh());
        assertEquals(1, store.count("get"), "only the probe: the last look at the end is recent");
        ahead.addAndGet(ManifestLog.RECHECK_AFTER.toMillis() + 1_000); // each recent look renews the last one
        store.reset();
        assertEquals(false, reader.refresh());
        assertEquals(2, store.count("get"), "the probe, then CURRENT: the last look is older than the recheck age");
        store.reset();
        reader.refresh();
        assertEquals(1, store.count("get"), "and that look counts as recent again");
    }

    @Test
    void aLogAsleepLongerThanTheRecheckAgeReloadsFromTheSnapshotWhenItsNextEntryWasCollected() {
        ManifestLog committer = ManifestLog.open(storage(), 4, 1, clock);
        committer.claim(Role.WRITER, "w");
        committer.commit(flush("early"), NONE, NONE);
        ManifestLog asleep = ManifestLog.open(storage(), 4, 1, clock);
        long asleepAt = asleep.state().logSeq();
        commitFlushes(committer, "later-", 10);
        long collected = collectBelowSnapshot();
        assertTrue(collected > asleepAt, "the sleeping log's next entry is gone");
        ahead.addAndGet(Duration.ofMinutes(11).toMillis());
        assertTrue(asleep.refresh(), "CURRENT shows the log moved on: reloaded from its snapshot");
        assertEquals(committer.state(), asleep.state());
        assertEquals(committer.state(), ManifestLog.open(storage(), 4, 1, clock).state(), "a cold open agrees");
    }

    @Test
    void aCommitterAsleepLongerThanTheRecheckAgeCommitsAtTheEndNotAtACollectedPosition() {
        ManifestLog compactor = ManifestLog.open(storage(), 4, 1, clock);
        compactor.claim(Role.COMPACTOR, "c");
        ManifestLog writer = ManifestLog.open(storage(), 4, 1, clock);
        writer.claim(Role.WRITER, "w");
        long writerAt = writer.state().logSeq();
        commitFlushes(compactor, "other-role-", 10); // entries of the other role, which the writer has not read
        assertTrue(collectBelowSnapshot() > writerAt);
        ahead.addAndGet(Duration.ofMinutes(11).toMillis());
        LogEntry e = writer.commit(flush("after-sleep"), NONE, NONE);
        assertTrue(e.seq() > compactor.state().logSeq(), "committed after the end of the log, at " + e.seq());
        ManifestState fresh = ManifestLog.open(storage(), 4, 1, clock).state();
        assertTrue(l0Ids(fresh).contains("after-sleep"));
        assertTrue(l0Ids(fresh).contains("other-role-9"));
    }

    // ------------------------------------------------------------------------------ round trips

    /**
     * A manifest storage that holds every request until its round ends, 100 ms after the first
     * request of the round: requests sent together share a round, a request sent after another's
     * answer starts a new one. So {@link #rounds} counts round trips, as object storage's latency
     * would make the caller wait for them.
     */
    private static final class RoundCounting implements ManifestStorage {
        private final ManifestStorage inner;
        private long roundEndsAt;
        private int rounds;

        RoundCounting(ManifestStorage inner) {
            this.inner = inner;
        }

        synchronized int rounds() {
            return rounds;
        }

        private <T> T held(java.util.function.Supplier<T> call) {
            long until;
            synchronized (this) {
                long now = System.nanoTime();
                if (now >= roundEndsAt) {
                    rounds++;
                    roundEndsAt = now + 100_000_000L;
                }
                until = roundEndsAt;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(until - System.nanoTime());
            while (System.nanoTime() < until) {
                java.util.concurrent.locks.LockSupport.parkNanos(until - System.nanoTime());
            }
            return call.get();
        }

        @Override
        public Optional<Versioned> readCurrent() {
            return held(inner::readCurrent);
        }

        @Override
        public String writeCurrent(byte[] json, String expectedTag) {
            return held(() -> inner.writeCurrent(json, expectedTag));
        }

        @Override
        public void createLogEntry(long seq, byte[] json) {
            held(() -> {
                inner.createLogEntry(seq, json);
                return null;
            });
        }

        @Override
        public Optional<byte[]> readLogEntry(long seq) {
            return held(() -> inner.readLogEntry(seq));
        }

        @Override
        public void createSnapshot(String id, byte[] json) {
            held(() -> {
                inner.createSnapshot(id, json);
                return null;
            });
        }

        @Override
        public byte[] readSnapshot(String id) {
            return held(() -> inner.readSnapshot(id));
        }

        @Override
        public String describeLogEntry(long seq) {
            return inner.describeLogEntry(seq);
        }
    }

    @Test
    void anOpenReadsCurrentThenTheSnapshotWithEveryEntryCurrentNamesInOneRoundTrip() {
        ManifestLog committer = ManifestLog.open(storage(), 8, 3);
        committer.claim(Role.WRITER, "w");
        commitFlushes(committer, "f", 21); // a snapshot at 16, CURRENT a few entries behind the end
        CurrentHint hint = ManifestCodec.decodeCurrent(storage().readCurrent().orElseThrow().bytes(), "CURRENT");
        assertTrue(hint.snapshotSeq() > 0 && hint.nextSeqHint() > hint.snapshotSeq() + 1, hint.toString());
        RoundCounting counting = new RoundCounting(storage());
        ManifestLog opened = ManifestLog.open(counting, 8, 3);
        assertEquals(committer.state(), opened.state());
        assertEquals(2, counting.rounds(), "CURRENT; then the snapshot, the entries after it and the end, together");
    }

    @Test
    void anOpenFarBehindCurrentStillReadsTheWholeLogInFewRoundTrips() {
        ManifestLog committer = ManifestLog.open(storage(), 1_000, 1_000);
        committer.claim(Role.WRITER, "w"); // CURRENT moves here, then not again: it names entry 2 as the next
        commitFlushes(committer, "f", 40);
        RoundCounting counting = new RoundCounting(storage());
        ManifestLog opened = ManifestLog.open(counting, 1_000, 1_000);
        assertEquals(committer.state(), opened.state());
        assertEquals(41, opened.state().logSeq());
        // CURRENT; entries 1-5; then windows of 8, 16 and 32 entries: 6-13, 14-29, 30-61 (the end at 42)
        assertEquals(5, counting.rounds());
    }

    @Test
    void claimingRightAfterAnOpenCostsTheClaimAndCurrentOnly() {
        ManifestLog first = ManifestLog.open(storage());
        first.claim(Role.WRITER, "w1");
        commitFlushes(first, "f", 5);
        RoundCounting counting = new RoundCounting(storage());
        ManifestLog second = ManifestLog.open(counting, 64, 16);
        int opening = counting.rounds();
        second.claim(Role.WRITER, "w2");
        assertEquals(2, counting.rounds() - opening, "the claim's entry, then CURRENT");
        LodeException fenced = assertThrows(LodeException.class, () -> first.commit(flush("late"), NONE, NONE));
        assertEquals(ErrorCode.FENCED, fenced.code());
    }

    @Test
    void aClaimRightAfterAnOpenThatMeetsANewerEntryAppliesItAndClaimsAfterIt() {
        ManifestLog writer = ManifestLog.open(storage());
        writer.claim(Role.WRITER, "w1");
        ManifestLog compactor = ManifestLog.open(storage()); // opened, then the writer commits before it claims
        commitFlushes(writer, "f", 3);
        long epoch = compactor.claim(Role.COMPACTOR, "c1");
        assertEquals(1, epoch);
        assertEquals(writer.state().logSeq() + 1, compactor.state().logSeq());
        assertEquals(Set.of("f0", "f1", "f2"), l0Ids(compactor.state()));
        writer.refresh();
        assertEquals(compactor.state(), writer.state());
    }
}
