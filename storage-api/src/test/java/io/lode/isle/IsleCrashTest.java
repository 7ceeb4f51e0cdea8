package io.lode.isle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.testing.FaultProxy;
import io.lode.testing.S3ProxyServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process is killed with SIGKILL at random moments, twenty times. After each kill a fresh
 * reader sees every flush acknowledged before the kill, and every batch it sees is whole (all ten
 * keys of a batch come in one flush); then the next process takes over the writer role and goes on.
 * Once on the file store, once on S3 through a lossy network.
 */
class IsleCrashTest {
    @TempDir
    Path root;

    @Test
    void everyAcknowledgedFlushSurvivesASigkillAndNothingIsPartial() throws Exception {
        String url = "lode:" + root.toUri();
        killWritersAndCheck(url, url, 20, 50);
    }

    /**
     * The same through a network that loses a fifth of the requests: the writer processes reach
     * S3Proxy through {@link FaultProxy}, retry what fails retryably (never reopening), and are
     * killed at random; the checks read S3Proxy directly.
     */
    @Test
    void everyAcknowledgedFlushSurvivesASigkillThroughALossyNetwork() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.start(); FaultProxy proxy = FaultProxy.start(server.endpoint(), System.nanoTime())) {
            String bucket = server.newBucket();
            String query = "?region=us-east-1&accessKeyId=" + S3ProxyServer.ACCESS_KEY + "&secretAccessKey=" + S3ProxyServer.SECRET_KEY
                    + "&requestTimeout=PT10S&endpoint=";
            proxy.faults(FaultProxy.Faults.failing(0.2));
            killWritersAndCheck("lode:s3://" + bucket + "/crash" + query + proxy.endpoint(),
                    "lode:s3://" + bucket + "/crash" + query + server.endpoint(), 12, 600);
            assertTrue(proxy.counts().faults() > 0, "faults were injected: " + proxy.counts());
        }
    }

    /** @param minLifeMillis how long a writer lives at least once open: a lossy network's flushes take longer */
    private void killWritersAndCheck(String writerUrl, String readerUrl, int rounds, int minLifeMillis) throws Exception {
        String url = writerUrl;
        Random random = new Random(7);
        long nextBatch = 0;
        long acknowledgedUpTo = -1;
        for (int round = 0; round < rounds; round++) {
            Process child = new ProcessBuilder(javaCommand(), "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), CrashingWriter.class.getName(), url, Long.toString(nextBatch))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("OPEN", out.readLine());
            AtomicLong lastAck = new AtomicLong(-1);
            Thread acks = Thread.ofPlatform().start(() -> {
                try {
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (line.startsWith("ACK ")) {
                            lastAck.set(Long.parseLong(line.substring(4)));
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the process was killed
                }
            });
            Thread.sleep(minLifeMillis + random.nextInt(400));
            child.destroyForcibly(); // SIGKILL on Linux
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            acks.join();
            if (lastAck.get() >= 0) {
                acknowledgedUpTo = lastAck.get();
            }

            try (LodeConnection c = Lode.connect(readerUrl); IsleReader r = c.isle("crash").openReader(ReaderOptions.defaults())) {
                TreeMap<Long, Integer> keysPerBatch = new TreeMap<>();
                for (KeyValue kv : r.scan(null, null, Integer.MAX_VALUE)) {
                    long batch = ByteBuffer.wrap(kv.key()).getLong();
                    assertArrayEquals(ByteBuffer.allocate(8).putLong(batch).array(), kv.value());
                    keysPerBatch.merge(batch, 1, Integer::sum);
                }
                keysPerBatch.forEach((batch, n) -> assertEquals(10, n, "batch " + batch + " is whole"));
                for (long b = 0; b <= acknowledgedUpTo; b++) {
                    assertTrue(keysPerBatch.containsKey(b), "round " + acknowledgedUpTo + ": acknowledged batch " + b + " survived");
                }
                // the next writer continues after whatever became durable, acknowledged or not
                nextBatch = keysPerBatch.isEmpty() ? 0 : keysPerBatch.lastKey() + 1;
            }
        }
        assertTrue(acknowledgedUpTo > 0, "the writers made progress between kills");
    }

    @Test
    void aWriterInAnotherProcessFencesThisOne() throws Exception {
        String url = "lode:" + root.toUri();
        try (LodeConnection c = Lode.connect(url)) {
            IsleDB db = c.isle("crash");
            IsleWriter mine = db.openWriter(WriterOptions.defaults().withFlushInterval(java.time.Duration.ZERO));
            mine.put(new byte[] {1}, new byte[] {1});
            mine.flush();
            mine.put(new byte[] {2}, new byte[] {2}); // never flushed: must never appear

            Process other = new ProcessBuilder(javaCommand(), "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), CrashingWriter.class.getName(), url, "100")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("OPEN", out.readLine());
            assertTrue(out.readLine().startsWith("ACK "));
            other.destroyForcibly();
            other.waitFor(30, TimeUnit.SECONDS);

            io.lode.LodeException e = org.junit.jupiter.api.Assertions.assertThrows(io.lode.LodeException.class, mine::flush);
            assertEquals(io.lode.ErrorCode.FENCED, e.code());
            UncommittedWritesException lost = org.junit.jupiter.api.Assertions.assertThrows(UncommittedWritesException.class, mine::close);
            assertEquals(io.lode.ErrorCode.FENCED, lost.code(), "the unflushed put is named, fenced");
            try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
                assertArrayEquals(new byte[] {1}, r.get(new byte[] {1}));
                assertEquals(null, r.get(new byte[] {2}));
            }
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
