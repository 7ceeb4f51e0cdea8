package io.lode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lode.dataset.Dataset;
import io.lode.dataset.DatasetOptions;
import io.lode.dataset.DatasetSnapshot;
import io.lode.dataset.Metadata;
import io.lode.isle.CatchUpOptions;
import io.lode.isle.Compactor;
import io.lode.isle.CompactorOptions;
import io.lode.isle.IsleDB;
import io.lode.isle.IsleReader;
import io.lode.isle.IsleWriter;
import io.lode.isle.KeyValue;
import io.lode.isle.ReaderOptions;
import io.lode.isle.TailingOptions;
import io.lode.isle.TailingReader;
import io.lode.isle.WriterOptions;
import io.lode.testing.FaultProxy;
import io.lode.testing.S3ProxyServer;
import io.lode.volume.BlockRef;
import io.lode.volume.Volume;
import io.lode.volume.VolumeSnapshot;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every paradigm through a network that loses a fifth of its requests: a TCP proxy on 127.0.0.1
 * ({@link FaultProxy}) between the engine and a real S3 server (S3Proxy) resets requests on the
 * way, drops responses after the server executed the request, and delays others. The client and
 * the engine retry on their own; the caller only repeats what failed with a retryable error, never
 * reopens a handle, and checks: nothing acknowledged is lost, nothing is applied twice, no read is
 * wrong, and no failure is final.
 */
class LossyNetworkTest {
    private static final double FAULT_RATE = 0.2;
    private static final int ROUNDS = 100;
    /** The most times a caller repeats one operation; a lossy network must not need more. */
    private static final int MAX_ATTEMPTS = 30;

    private static S3ProxyServer server;
    private static String bucket;
    private static FaultProxy proxy;

    /** What failed on the way, by code: every one retryable, or the test fails. */
    private final Map<ErrorCode, Integer> retried = new ConcurrentHashMap<>();
    private LodeConnection connection;

    @BeforeAll
    static void startServers() {
        server = S3ProxyServer.start();
        bucket = server.newBucket();
        proxy = FaultProxy.start(server.endpoint(), System.nanoTime());
    }

    @AfterAll
    static void stopServers() throws Exception {
        proxy.close();
        server.close();
    }

    @BeforeEach
    void connectThroughTheProxy() {
        Properties p = new Properties();
        p.setProperty("accessKeyId", S3ProxyServer.ACCESS_KEY);
        p.setProperty("secretAccessKey", S3ProxyServer.SECRET_KEY);
        connection = Lode.connect("lode:s3://" + bucket + "/lossy-" + UUID.randomUUID() + "?region=us-east-1&requestTimeout=PT10S"
                + "&endpoint=" + proxy.endpoint(), p);
        proxy.faults(FaultProxy.Faults.NONE);
    }

    @AfterEach
    void disconnect() {
        proxy.faults(FaultProxy.Faults.NONE);
        connection.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] event(long n) {
        return ByteBuffer.allocate(9).put((byte) 'e').putLong(n).array();
    }

    /** Repeats {@code call} while it fails with a retryable error, as a careful caller would. */
    private <T> T untilAcknowledged(String what, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (LodeException e) {
                if (!e.retryable()) {
                    fail(what + " failed with a failure that is not retryable: " + e, e);
                }
                retried.merge(e.code(), 1, Integer::sum);
                if (attempt >= MAX_ATTEMPTS) {
                    fail(what + " was not acknowledged in " + MAX_ATTEMPTS + " attempts; the last failure: " + e, e);
                }
            }
        }
    }

    private void assertTheNetworkWasLossy(long faultsBefore) {
        long faults = proxy.counts().faults() - faultsBefore;
        assertTrue(faults >= ROUNDS / 2, "the proxy injected only " + faults + " faults: " + proxy.counts());
        System.getLogger(LossyNetworkTest.class.getName()).log(System.Logger.Level.INFO,
                "{0} faults injected; failures the caller retried: {1}", faults, retried);
    }

    @Test
    void anIsleWriterReaderTailerAndCompactorLoseNothingAndNeverDie() throws Exception {
        IsleDB db = connection.isle("db");
        long faultsBefore = proxy.counts().faults();
        TreeMap<String, String> acknowledged = new TreeMap<>();
        List<Long> tailed = new ArrayList<>();
        byte[] lastTailed = null;
        try (IsleWriter writer = db.openWriter(WriterOptions.defaults().withFlushInterval(Duration.ZERO));
             Compactor compactor = db.openCompactor(CompactorOptions.defaults().withInterval(Duration.ZERO));
             IsleReader reader = db.openReader(ReaderOptions.defaults());
             TailingReader tailer = db.openTailingReader(TailingOptions.defaults())) {
            proxy.faults(FaultProxy.Faults.failing(FAULT_RATE));
            for (int round = 0; round < ROUNDS; round++) {
                Map<String, String> written = new HashMap<>();
                long lastSequence = 0;
                for (int i = 0; i < 10; i++) {
                    String key = "k" + ((round * 7 + i) % 40);
                    String value = "v" + round + "." + i + "-" + "x".repeat(200);
                    writer.put(utf8(key), utf8(value)); // puts go to memory: no request, no failure
                    written.put(key, value);
                    lastSequence = writer.put(event(round * 10L + i), utf8("event " + round + "." + i));
                }
                untilAcknowledged("flush " + round, writer::flush);
                assertTrue(writer.committedSequence() >= lastSequence, "an acknowledged flush made its puts durable");
                acknowledged.putAll(written);

                untilAcknowledged("refresh " + round, reader::refresh);
                for (Map.Entry<String, String> e : written.entrySet()) {
                    byte[] got = untilAcknowledged("get " + e.getKey(), () -> reader.get(utf8(e.getKey())));
                    assertArrayEquals(utf8(e.getValue()), got, "round " + round + ": " + e.getKey());
                }

                byte[] from = lastTailed;
                List<Long> batch = new ArrayList<>();
                byte[] last = untilAcknowledged("catch up " + round, () -> {
                    batch.clear();
                    CatchUpOptions options = CatchUpOptions.all().withMinKey(event(0)).withMaxKey(event(Long.MAX_VALUE));
                    return tailer.catchUp(from == null ? options : options.withStartAfterKey(from),
                            (k, v) -> batch.add(ByteBuffer.wrap(k, 1, 8).getLong())).lastKey();
                });
                tailed.addAll(batch);
                if (last != null) {
                    lastTailed = last;
                }
                if (round % 10 == 9) {
                    untilAcknowledged("compaction " + round, compactor::runOnce);
                }
            }
            proxy.faults(FaultProxy.Faults.NONE);
        }
        List<Long> expected = new ArrayList<>();
        for (long n = 0; n < ROUNDS * 10L; n++) {
            expected.add(n);
        }
        assertEquals(expected, tailed, "the tailer delivered every acknowledged event once, in order");
        try (IsleReader fresh = db.openReader(ReaderOptions.defaults())) {
            for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                assertArrayEquals(utf8(e.getValue()), fresh.get(utf8(e.getKey())), e.getKey());
            }
            List<KeyValue> all = fresh.scan(null, null, Integer.MAX_VALUE);
            assertEquals(acknowledged.size() + ROUNDS * 10, all.size(), "no key twice, none missing");
        }
        assertTheNetworkWasLossy(faultsBefore);
    }

    @Test
    void everyDatasetWriteIsCommittedExactlyOnce() {
        Dataset dataset = connection.dataset("orders", DatasetOptions.defaults());
        long faultsBefore = proxy.counts().faults();
        proxy.faults(FaultProxy.Faults.failing(FAULT_RATE));
        for (int round = 0; round < ROUNDS; round++) {
            int r = round;
            byte[] blob = utf8("order " + r + " " + "y".repeat(500));
            untilAcknowledged("dataset write " + round, () -> {
                try {
                    return dataset.write(blob, Metadata.of("round", r));
                } catch (LodeException e) {
                    if (e.code() != ErrorCode.COMMIT_INDETERMINATE) {
                        throw e;
                    }
                    // As the failure says: look for the snapshot before writing again.
                    retried.merge(e.code(), 1, Integer::sum);
                    return untilAcknowledged("look for round " + r, () -> roundsCommitted(dataset)).contains(r)
                            ? null : dataset.write(blob, Metadata.of("round", r));
                }
            });
        }
        proxy.faults(FaultProxy.Faults.NONE);
        List<Integer> rounds = roundsCommitted(dataset);
        List<Integer> expected = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            expected.add(round);
        }
        assertEquals(expected, rounds, "one snapshot per write, in order: none lost, none twice");
        for (DatasetSnapshot s : dataset.snapshots()) {
            int r = ((Number) s.manifest().metadata().get("round")).intValue();
            assertArrayEquals(utf8("order " + r + " " + "y".repeat(500)), dataset.readBlob(s.id()), "snapshot " + s.id());
        }
        assertTheNetworkWasLossy(faultsBefore);
    }

    /** The rounds of the committed snapshots, oldest first. */
    private static List<Integer> roundsCommitted(Dataset dataset) {
        List<Integer> rounds = new ArrayList<>();
        for (DatasetSnapshot s : dataset.snapshots()) {
            rounds.add(((Number) s.manifest().metadata().get("round")).intValue());
        }
        return rounds;
    }

    @Test
    void everyVolumeCommitLandsOnceWithItsBytes() {
        int block = 4096;
        Volume volume = connection.volume("disk", (long) ROUNDS * block);
        long faultsBefore = proxy.counts().faults();
        proxy.faults(FaultProxy.Faults.failing(FAULT_RATE));
        for (int round = 0; round < ROUNDS; round++) {
            byte[] bytes = new byte[block];
            java.util.Arrays.fill(bytes, (byte) round);
            long offset = (long) round * block;
            BlockRef staged = untilAcknowledged("stage " + round, () -> volume.stageWriteAt(offset, bytes));
            int r = round;
            untilAcknowledged("commit " + round, () -> {
                try {
                    return volume.commit(List.of(staged), Metadata.of("round", r));
                } catch (LodeException e) {
                    if (e.code() != ErrorCode.COMMIT_INDETERMINATE) {
                        throw e;
                    }
                    retried.merge(e.code(), 1, Integer::sum);
                    VolumeSnapshot head = untilAcknowledged("look for round " + r, volume::latest);
                    return head.manifest().blocks().stream().anyMatch(b -> b.offset() == offset)
                            ? head : volume.commit(List.of(staged), Metadata.of("round", r));
                }
            });
        }
        proxy.faults(FaultProxy.Faults.NONE);
        List<VolumeSnapshot> snapshots = volume.snapshots();
        assertEquals(ROUNDS, snapshots.size(), "one snapshot per commit");
        String head = volume.latest().id();
        for (int round = 0; round < ROUNDS; round++) {
            byte[] expected = new byte[block];
            java.util.Arrays.fill(expected, (byte) round);
            assertArrayEquals(expected, volume.readAt(head, (long) round * block, block), "block " + round);
        }
        assertTheNetworkWasLossy(faultsBefore);
    }
}
