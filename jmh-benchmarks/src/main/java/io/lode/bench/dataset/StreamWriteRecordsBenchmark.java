package io.lode.bench.dataset;

import io.lode.bench.Directories;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.dataset.Codecs;
import io.lode.dataset.Compressor;
import io.lode.dataset.Compressors;
import io.lode.dataset.Dataset;
import io.lode.dataset.DatasetOptions;
import io.lode.dataset.DatasetSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code streamWriteRecords} of 100,000 JSONL records per op to a local directory (file store,
 * fsync on), with each compressor. Records/s = ops/s × 100,000; the auxiliary counters give the
 * uncompressed JSONL bytes and the stored bytes per op, hence MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx512m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class StreamWriteRecordsBenchmark {
    static final int RECORDS = 100_000;

    @Param({"noop", "gzip", "zstd"})
    public String compressor;

    private Path directory;
    private LodeConnection connection;
    private Dataset dataset;

    /** Bytes per op, as JMH auxiliary counters. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Bytes {
        public long storedBytes;
    }

    @Setup(Level.Trial)
    public void open() throws Exception {
        directory = Files.createTempDirectory("lode-bench-records");
        connection = Lode.connect("lode:" + directory.toUri());
        Compressor c = switch (compressor) {
            case "gzip" -> Compressors.gzip();
            case "zstd" -> Compressors.zstd();
            default -> Compressors.noop();
        };
        dataset = connection.dataset("records", DatasetOptions.defaults().withCodec(Codecs.jsonl()).withCompressor(c));
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        connection.close();
        Directories.deleteRecursively(directory);
    }

    @Benchmark
    public DatasetSnapshot streamWriteRecords(Bytes bytes) {
        Iterator<Map<String, Object>> records = new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                return n < RECORDS;
            }

            @Override
            public Map<String, Object> next() {
                int i = n++;
                return Map.of("id", i, "user", "user-" + (i % 1000), "amount", i % 997, "ok", (i & 1) == 0);
            }
        };
        DatasetSnapshot s = dataset.streamWriteRecords(records, null);
        bytes.storedBytes += s.manifest().files().getFirst().sizeBytes();
        return s;
    }
}
