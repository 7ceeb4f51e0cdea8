package io.lode.isle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.sst.SstIterator;
import io.lode.sst.SstReader;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The one-minute run, for real: a writer flushing every 10 ms while a merge compactor and a
 * retention compactor run in the background, the latter keeping only a few tables younger than
 * 200 ms so that it keeps removing tables the merge compactor is merging (some merges are then
 * abandoned, which is how the two settle such a conflict). Nobody is fenced, and the database ends holding
 * exactly what was written minus the contents of the tables retention removed (read back from
 * their objects, which stay in the store as no garbage collector runs here).
 */
class WriterBesideMaintenanceTest {
    private static final Duration RUN = Duration.ofSeconds(60);
    private static final ValueLayout.OfLong BIG_ENDIAN_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private static byte[] key(long i) {
        return ByteBuffer.allocate(8).putLong(i).array();
    }

    private static byte[] value(long i) {
        return ("v" + i).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aWriterFlushingEvery10msBesideBothCompactorsForAMinuteIsNeverFencedAndLosesOnlyWhatRetentionSelected()
            throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<String> removedIds = new CopyOnWriteArrayList<>();
        AtomicInteger merges = new AtomicInteger();
        AtomicInteger abandoned = new AtomicInteger();
        CompactionListener compactions = new CompactionListener() {
            @Override
            public void ended(CompactionJob job, List<String> outputSstIds, Throwable failure) {
                if (failure != null) {
                    failures.add(failure);
                }
                merges.incrementAndGet();
            }

            @Override
            public void abandoned(CompactionJob job, List<String> removedInputIds) {
                abandoned.incrementAndGet();
            }
        };
        RetentionListener retained = new RetentionListener() {
            @Override
            public void removed(RetentionResult result) {
                removedIds.addAll(result.removedSstIds());
            }

            @Override
            public void failed(Throwable failure) {
                failures.add(failure);
            }
        };
        long written = 0;
        try (LodeConnection c = Lode.connect("lode:mem:beside-" + UUID.randomUUID())) {
            IsleDB db = c.isle("db");
            try (IsleWriter w = db.openWriter(WriterOptions.defaults().withFlushInterval(Duration.ofMillis(10))
                    .withCommittedLsnExtractor(CommittedLsnExtractor.bigEndianLong()));
                    Compactor compactor = db.openCompactor(CompactorOptions.defaults().withL0Threshold(4)
                            .withInterval(Duration.ofMillis(10)).withBlockBytes(1 << 10).withListener(compactions));
                    // One collector per database, as docs/isle-protocol.md advises: the compactor's. Two
                    // collecting every 10-20 ms contend for the marks object and may each, now and
                    // then, give up a pass with a retryable IO (retried by the next pass).
                    RetentionCompactor retention = db.openRetentionCompactor(RetentionOptions.byAge(Duration.ofMillis(200), 4)
                            .withInterval(Duration.ofMillis(20)).withListener(retained).withGc(GcOptions.off()))) {
                compactor.start();
                retention.start();
                long end = System.nanoTime() + RUN.toNanos();
                while (System.nanoTime() < end) {
                    for (int i = 0; i < 10; i++, written++) {
                        w.put(key(written), value(written));
                    }
                    Thread.sleep(5);
                }
                compactor.stop();
                retention.stop();
                assertFalse(retention.isFenced());
            }
            assertEquals(List.of(), failures);
            assertTrue(merges.get() > 10 && removedIds.size() > 10,
                    "merges " + merges + ", abandoned " + abandoned + ", removed tables " + removedIds.size());

            BitSet expected = new BitSet();
            expected.set(0, Math.toIntExact(written));
            for (String id : removedIds) {
                SstIterator it = SstReader.open(id, c.store().get(db.prefix() + "sstable/" + id).segment()).iterator();
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    expected.clear(Math.toIntExact(it.userKey().get(BIG_ENDIAN_LONG, 0)));
                }
            }
            assertTrue(expected.cardinality() > 0 && expected.cardinality() < written, expected.cardinality() + " of " + written);
            try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
                List<KeyValue> all = r.scan(null, null, Integer.MAX_VALUE);
                assertEquals(expected.cardinality(), all.size());
                int i = expected.nextSetBit(0);
                for (KeyValue kv : all) {
                    assertArrayEquals(key(i), kv.key());
                    assertArrayEquals(value(i), kv.value());
                    i = expected.nextSetBit(i + 1);
                }
            }
        }
    }
}
