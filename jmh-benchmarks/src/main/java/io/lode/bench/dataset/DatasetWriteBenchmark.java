package io.lode.bench.dataset;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.dataset.Codecs;
import io.lode.dataset.Dataset;
import io.lode.dataset.DatasetOptions;
import io.lode.dataset.DatasetSnapshot;
import io.lode.testing.S3ProxyServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The benchmark shapes of Go Lode's own BENCHMARKS, so the figures compare (docs/BENCHMARKS.md):
 * <ul>
 *   <li>{@code sequentialWrites}: one op = 20 sequential one-record JSONL writes to one dataset on an
 *       in-memory store that injects 1 ms of latency on every get and list. After the first write
 *       the parent is cached, so no op waits on the injected latency (the op fails if one did).
 *   <li>{@code s3WriteRoundTrip}: a new dataset, one write of 3 JSONL records, and a read back,
 *       against S3Proxy on loopback in this JVM.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class DatasetWriteBenchmark {
    private static final DatasetOptions JSONL = DatasetOptions.defaults().withCodec(Codecs.jsonl());
    private static final List<Map<String, Object>> ONE = List.of(Map.of("id", 1, "name", "event", "ok", true));
    private static final List<Map<String, Object>> THREE = List.of(Map.of("id", 1), Map.of("id", 2), Map.of("id", 3));

    private LodeConnection memory;
    private LatencyStore slow;
    private Dataset sequential;
    private S3ProxyServer server;
    private LodeConnection s3;

    @Setup(Level.Trial)
    public void open() {
        memory = Lode.connect("lode:mem:bench-" + UUID.randomUUID());
        slow = new LatencyStore(memory.store(), Duration.ofMillis(1));
        sequential = Dataset.open(slow, "events", JSONL);
        sequential.write(ONE, null); // the cold start: a pointer read and a scan, once
        server = S3ProxyServer.start();
        Properties p = new Properties();
        p.setProperty("accessKeyId", S3ProxyServer.ACCESS_KEY);
        p.setProperty("secretAccessKey", S3ProxyServer.SECRET_KEY);
        s3 = Lode.connect("lode:s3://" + server.newBucket() + "/bench?region=us-east-1&endpoint=" + server.endpoint(), p);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        memory.close();
        s3.close();
        server.close();
    }

    @Benchmark
    public DatasetSnapshot sequentialWrites() {
        long before = slow.gets.get() + slow.lists.get();
        DatasetSnapshot last = null;
        for (int i = 0; i < 20; i++) {
            last = sequential.write(ONE, null);
        }
        if (slow.gets.get() + slow.lists.get() != before) {
            throw new IllegalStateException("a warm write read or listed the store");
        }
        return last;
    }

    @Benchmark
    public List<Map<String, Object>> s3WriteRoundTrip() {
        Dataset ds = s3.dataset("rt-" + UUID.randomUUID(), JSONL);
        return ds.read(ds.write(THREE, null).id());
    }
}
