package io.lode.isle;

import static io.lode.LodeAssertions.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.LodeConnection;
import io.lode.isle.manifest.ManifestLog;
import io.lode.isle.manifest.ManifestState;
import io.lode.isle.manifest.ObjectStoreManifestStorage;
import io.lode.isle.manifest.SstMeta;
import io.lode.spi.ListedObject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random writes, deletes, blobs, flushes, refreshes, writer restarts, compactions and garbage
 * collection (the clock jumping past the grace period) against a {@code TreeMap} oracle: after
 * every refresh, point reads and full scans agree with what was flushed, whatever the compactor
 * merged and the collector deleted meanwhile; at the end, exactly the live tables are stored; and
 * the same with retention removing tables in between, against a {@link TableOracle}. A driver's
 * test extends this and says how to connect to an empty store.
 */
public abstract class IsleModelContract {
    protected abstract LodeConnection connect() throws Exception;

    static final WriterOptions SMALL = WriterOptions.defaults().withFlushInterval(Duration.ZERO)
            .withMemtableBytes(128 << 10).withMaxImmutableMemtables(1_000).withBlobThreshold(2_000).withBlockBytes(1 << 10);
    /** A low threshold, so compactions come often and stack up several runs. */
    static final CompactorOptions COMPACT = CompactorOptions.defaults().withL0Threshold(2).withTargetSstBytes(64 << 10)
            .withBlockBytes(1 << 10).withInterval(Duration.ZERO);

    private static byte[] randomKey(Random rnd) {
        // a small key space with shared prefixes, 0x00 and 0xFF bytes and variable lengths
        int id = rnd.nextInt(300);
        byte[] base = ("k" + id).getBytes();
        return switch (id % 4) {
            case 0 -> base;
            case 1 -> Arrays.copyOf(base, base.length + 1); // ends in 0x00
            case 2 -> concat(base, new byte[] {(byte) 0xFF, (byte) id});
            default -> concat(new byte[] {(byte) (id % 3 == 0 ? 0x00 : 0xFE)}, base);
        };
    }

    /** Mostly short values, one in ten above the blob threshold. */
    private static byte[] randomValue(Random rnd) {
        byte[] value = new byte[rnd.nextInt(10) == 0 ? 2_000 + rnd.nextInt(3_000) : rnd.nextInt(64)];
        rnd.nextBytes(value);
        return value;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void readsAgreeWithTheOracle(long seed) throws Exception {
        Random rnd = new Random(seed);
        try (LodeConnection c = connect()) {
            MovableClock clock = new MovableClock();
            IsleDB db = c.isle("model", IsleOptions.defaults().withClock(clock));
            IsleWriter writer = db.openWriter(SMALL);
            IsleReader reader = db.openReader(ReaderOptions.defaults());
            int[] merges = new int[2]; // level 0, runs
            Compactor compactor = db.openCompactor(COMPACT.withListener(new CompactionListener() {
                @Override
                public void ended(CompactionJob job, List<String> outputSstIds, Throwable failure) {
                    merges[job.level0() ? 0 : 1]++;
                }
            }));
            int compactions = 0;
            int collections = 0;
            TreeMap<byte[], byte[]> flushed = new TreeMap<>(Arrays::compareUnsigned);
            TreeMap<byte[], byte[]> written = new TreeMap<>(Arrays::compareUnsigned);
            for (int op = 0; op < 2_500; op++) {
                int dice = rnd.nextInt(100);
                if (dice < 50) {
                    byte[] key = randomKey(rnd);
                    byte[] value = randomValue(rnd);
                    if (rnd.nextBoolean()) {
                        writer.put(key, value);
                    } else {
                        // Outlives every jump of the clock below, so the oracle needs no expiry.
                        writer.put(key, value, Duration.ofDays(3_650));
                    }
                    written.put(key, value);
                } else if (dice < 70) {
                    byte[] key = randomKey(rnd);
                    writer.delete(key);
                    written.remove(key);
                } else if (dice < 78) {
                    writer.flush();
                    flushed = new TreeMap<>(written);
                } else if (dice < 80) {
                    writer.close(); // flushes
                    flushed = new TreeMap<>(written);
                    writer = db.openWriter(SMALL);
                } else if (dice < 88) {
                    reader.refresh();
                    for (int i = 0; i < 20; i++) {
                        byte[] key = randomKey(rnd);
                        assertArrayEquals(flushed.get(key), reader.get(key), "seed " + seed + " op " + op);
                    }
                } else if (dice < 90) {
                    reader.refresh();
                    assertScan(flushed, reader, seed, op);
                } else if (dice < 95) {
                    compactions += compactor.runOnce() ? 1 : 0;
                } else if (dice < 97) {
                    // Past the grace period; the writer commits first, as it must within one (its puts may hold blobs).
                    writer.flush();
                    flushed = new TreeMap<>(written);
                    clock.advance(GcOptions.defaults().gracePeriod().plusMinutes(1));
                    compactions += compactor.runOnce() ? 1 : 0;
                    collections++;
                }
            }
            writer.close();
            compactor.close();
            assertTrue(collections > 0, "seed " + seed + ": the clock never jumped");
            try (GarbageCollector gc = db.openGarbageCollector(GcOptions.defaults())) {
                gc.runOnce();
                clock.advance(GcOptions.defaults().gracePeriod().plusMinutes(1));
                while (gc.runOnce().sstsDeleted() > 0) {
                    // batches of sweepBatch
                }
            }
            assertEquals(liveTables(c), storedTables(c), "seed " + seed + ": exactly the live tables remain");
            assertTrue(merges[0] > 0 && merges[1] > 0, "seed " + seed + ": level-0 and run merges " + Arrays.toString(merges));
            assertEquals(compactions, merges[0] + merges[1]);
            reader.refresh();
            assertScan(written, reader, seed, -1);
            try (IsleReader fresh = db.openReader(ReaderOptions.defaults())) {
                assertScan(written, fresh, seed, -2);
                for (Map.Entry<byte[], byte[]> e : written.entrySet()) {
                    assertArrayEquals(e.getValue(), fresh.get(e.getKey()));
                }
            }
            reader.close();
        }
    }

    /**
     * Retention interleaved with writes, flushes, merge compactions and reopenings of all three
     * roles: before each pass the test works out from the manifest which tables the rule selects,
     * checks that exactly those were removed, and tells the {@link TableOracle}, which says what
     * reads return once their versions are gone.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void readsAgreeWithTheOracleWhileRetentionRemovesTables(long seed) throws Exception {
        Random rnd = new Random(seed);
        // The database's clock, which stamps the tables and is retention's "now": moved on by a few
        // milliseconds per operation, so the run does not depend on the machine's speed.
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        InstantSource clock = now::get;
        WriterOptions writerOptions = SMALL.withMemtableBytes(1 << 20);
        try (LodeConnection c = connect()) {
            IsleDB db = c.isle("retained", IsleOptions.defaults().withClock(clock));
            ManifestLog manifest = ManifestLog.open(new ObjectStoreManifestStorage(c.store(), db.prefix()));
            TableOracle oracle = new TableOracle();
            record Merge(CompactionJob job, List<String> outputIds) {}
            List<Merge> compactions = new ArrayList<>();
            CompactionListener listener = new CompactionListener() {
                @Override
                public void ended(CompactionJob job, List<String> outputSstIds, Throwable failure) {
                    compactions.add(new Merge(job, outputSstIds));
                }
            };
            IsleWriter writer = db.openWriter(writerOptions);
            IsleReader reader = db.openReader(ReaderOptions.defaults());
            Compactor compactor = db.openCompactor(COMPACT.withListener(listener));
            RetentionOptions rule = retentionRule(rnd);
            RetentionCompactor retention = db.openRetentionCompactor(rule);
            int removedTables = 0;
            int merges = 0;
            for (int op = 0; op < 1_200; op++) {
                now.set(now.get().plusMillis(rnd.nextInt(3)));
                int dice = rnd.nextInt(100);
                if (dice < 45) {
                    byte[] key = randomKey(rnd);
                    byte[] value = randomValue(rnd);
                    writer.put(key, value);
                    oracle.put(key, value);
                } else if (dice < 60) {
                    byte[] key = randomKey(rnd);
                    writer.delete(key);
                    oracle.delete(key);
                } else if (dice < 70) {
                    oracle.flushed(writer.flush());
                } else if (dice < 72) {
                    oracle.flushed(writer.flush());
                    writer.close();
                    writer = db.openWriter(writerOptions);
                } else if (dice < 80) {
                    reader.refresh();
                    TreeMap<byte[], byte[]> visible = oracle.visible();
                    for (int i = 0; i < 20; i++) {
                        byte[] key = randomKey(rnd);
                        assertArrayEquals(visible.get(key), reader.get(key), "seed " + seed + " op " + op);
                    }
                } else if (dice < 83) {
                    reader.refresh();
                    assertScan(oracle.visible(), reader, seed, op);
                } else if (dice < 90) {
                    compactions.clear();
                    if (compactor.runOnce()) {
                        merges++;
                        manifest.refresh();
                        Merge merge = compactions.getFirst();
                        List<SstMeta> outputs = manifest.state().tables().stream()
                                .filter(t -> merge.outputIds().contains(t.id())).toList();
                        assertEquals(merge.outputIds().size(), outputs.size());
                        oracle.compacted(merge.job().inputSstIds(), outputs);
                    }
                } else if (dice < 97) {
                    // "now" somewhat after the tables were made, so both the age and the count decide
                    now.set(now.get().plusMillis(rnd.nextInt(40)));
                    manifest.refresh();
                    List<String> expected = selectedBy(rule, manifest.state().tables(), now.get());
                    RetentionResult result = retention.runOnce();
                    assertEquals(expected, result.removedSstIds().stream().sorted().toList(), "seed " + seed + " op " + op);
                    oracle.removed(result.removedSstIds());
                    removedTables += result.removedSstIds().size();
                } else if (dice < 98) {
                    // a newer retention compactor, perhaps with the other rule, fences the older
                    RetentionOptions next = retentionRule(rnd);
                    RetentionCompactor newer = db.openRetentionCompactor(next);
                    assertFails(ErrorCode.FENCED, retention::runOnce);
                    assertTrue(retention.isFenced());
                    retention.close();
                    retention = newer;
                    rule = next;
                } else {
                    compactor.close();
                    compactor = db.openCompactor(COMPACT.withListener(listener));
                }
            }
            oracle.flushed(writer.flush());
            writer.close();
            compactor.close();
            retention.close();
            assertTrue(merges > 0 && removedTables > 0, "seed " + seed + ": merges " + merges + ", removed " + removedTables);
            TreeMap<byte[], byte[]> visible = oracle.visible();
            reader.refresh();
            assertScan(visible, reader, seed, -1);
            try (IsleReader fresh = db.openReader(ReaderOptions.defaults())) {
                assertScan(visible, fresh, seed, -2);
                for (int i = 0; i < 300; i++) {
                    byte[] key = randomKey(rnd);
                    assertArrayEquals(visible.get(key), fresh.get(key));
                }
            }
            reader.close();
            manifest.close();
        }
    }

    /** A random retention rule: by age or by time window, with periods and segments of milliseconds. */
    private static RetentionOptions retentionRule(Random rnd) {
        RetentionOptions rule = rnd.nextBoolean() ? RetentionOptions.byAge(Duration.ofMillis(rnd.nextInt(30)), 2 + rnd.nextInt(6))
                : RetentionOptions.byTimeWindow(Duration.ofMillis(rnd.nextInt(30)), Duration.ofMillis(1 + rnd.nextInt(20)),
                        rnd.nextInt(60));
        return rule.withInterval(Duration.ZERO);
    }

    /**
     * The rule of {@link RetentionOptions.Mode}, worked out independently: the ids of the tables
     * it removes from {@code tables} at {@code now}, sorted by id.
     */
    private static List<String> selectedBy(RetentionOptions rule, List<SstMeta> tables, Instant now) {
        List<String> out = new ArrayList<>();
        if (rule.mode() == RetentionOptions.Mode.BY_AGE) {
            List<SstMeta> oldestFirst = tables.stream().sorted(Comparator.comparing(SstMeta::createdAt)
                    .thenComparingLong(SstMeta::seqHi).thenComparing(SstMeta::id)).toList();
            for (int i = 0; i < oldestFirst.size() - rule.count(); i++) {
                if (oldestFirst.get(i).createdAt().isBefore(now.minus(rule.period()))) {
                    out.add(oldestFirst.get(i).id());
                }
            }
        } else {
            long segment = rule.segment().toMillis();
            TreeMap<Long, List<String>> segments = new TreeMap<>();
            for (SstMeta t : tables) {
                segments.computeIfAbsent(Math.floorDiv(t.createdAt().toEpochMilli(), segment), s -> new ArrayList<>()).add(t.id());
            }
            int removable = segments.size() - Math.max(1, rule.count() / 10);
            for (Map.Entry<Long, List<String>> e : segments.entrySet()) {
                if (removable-- <= 0) {
                    break;
                }
                if (Instant.ofEpochMilli((e.getKey() + 1) * segment).isBefore(now.minus(rule.period()))) {
                    out.addAll(e.getValue());
                }
            }
        }
        return out.stream().sorted().toList();
    }

    private static Set<String> liveTables(LodeConnection c) {
        try (ManifestLog log = ManifestLog.open(new ObjectStoreManifestStorage(c.store(), "model/"))) {
            ManifestState s = log.state();
            return Stream.concat(s.l0().stream(), s.runs().stream().flatMap(r -> r.ssts().stream())).map(SstMeta::id)
                    .collect(Collectors.toSet());
        }
    }

    private static Set<String> storedTables(LodeConnection c) {
        try (Stream<ListedObject> stored = c.store().list("model/sstable/")) {
            return stored.map(o -> o.key().substring("model/sstable/".length())).collect(Collectors.toSet());
        }
    }

    private static void assertScan(TreeMap<byte[], byte[]> expected, IsleReader reader, long seed, int op) {
        List<KeyValue> want = new ArrayList<>();
        expected.forEach((k, v) -> want.add(new KeyValue(k, v)));
        assertEquals(want, reader.scan(null, null, Integer.MAX_VALUE), "full scan, seed " + seed + " op " + op);
        if (expected.size() > 4) {
            List<byte[]> keys = new ArrayList<>(expected.keySet());
            byte[] from = keys.get(1);
            byte[] to = keys.get(keys.size() - 2);
            List<KeyValue> sub = new ArrayList<>();
            expected.subMap(from, true, to, true).forEach((k, v) -> sub.add(new KeyValue(k, v)));
            assertEquals(sub, reader.scan(from, to, Integer.MAX_VALUE), "bounded scan, seed " + seed + " op " + op);
        }
    }
}
