package io.lode.bench.dataset;

import io.lode.dataset.Codec;
import io.lode.dataset.Codecs;
import io.lode.dataset.Compressor;
import io.lode.dataset.Compressors;
import io.lode.dataset.ParquetCompression;
import io.lode.dataset.ParquetField;
import io.lode.dataset.ParquetOptions;
import io.lode.dataset.ParquetSchema;
import io.lode.dataset.ParquetType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode (write) and decode (read) of 1,000,000 records of a 6-column schema in memory, one op =
 * the whole million: Parquet uncompressed, snappy and zstd, and the same records as gzip JSONL
 * (the JSONL codec through the dataset's gzip compressor). Records/s = 10^6 / (s/op); MB/s = the
 * encoded size printed at setup / (s/op). {@link DuckDbParquetBenchmark} is the peer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx3g"})
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
public class ParquetCodecBenchmark {
    static final int RECORDS = 1_000_000;

    @Param({"parquet-none", "parquet-snappy", "parquet-zstd", "jsonl-gzip"})
    public String format;

    private List<Map<String, Object>> records;
    private Codec codec;
    private Compressor compressor;
    private byte[] encoded;

    /** The six columns: ids, a low-cardinality string, a double, a small int, a flag and a time. */
    static ParquetSchema schema() {
        return ParquetSchema.of(
                ParquetField.required("id", ParquetType.INT64),
                ParquetField.required("sensor", ParquetType.STRING),
                ParquetField.nullable("value", ParquetType.FLOAT64),
                ParquetField.required("count", ParquetType.INT32),
                ParquetField.required("ok", ParquetType.BOOL),
                ParquetField.required("at", ParquetType.TIMESTAMP));
    }

    /** Row {@code i}; {@link DuckDbParquetBenchmark} loads the same rows into DuckDB. */
    static Map<String, Object> row(int i) {
        return Map.of("id", (long) i, "sensor", "sensor-" + (i % 100), "value", (i % 1000) * 0.25 - 100,
                "count", i % 5000, "ok", i % 7 != 0, "at", Instant.ofEpochSecond(1_795_000_000L + i, (i % 1000) * 1000L));
    }

    @Setup
    public void setUp() throws IOException {
        records = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            records.add(row(i));
        }
        switch (format) {
            case "jsonl-gzip" -> {
                codec = Codecs.jsonl();
                compressor = Compressors.gzip();
            }
            default -> {
                ParquetCompression c = switch (format) {
                    case "parquet-snappy" -> ParquetCompression.SNAPPY;
                    case "parquet-zstd" -> ParquetCompression.ZSTD;
                    default -> ParquetCompression.NONE;
                };
                codec = Codecs.parquet(schema(), ParquetOptions.defaults().withCompression(c));
                compressor = Compressors.noop();
            }
        }
        encoded = write().toByteArray();
        System.out.printf("%n%s: %d records encode to %,d bytes%n", format, RECORDS, encoded.length);
    }

    @Benchmark
    public ByteArrayOutputStream write() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded == null ? 1 << 20 : encoded.length);
        try (OutputStream compressed = compressor.compress(out)) {
            codec.encode(compressed, records);
        }
        return out;
    }

    @Benchmark
    public List<Map<String, Object>> read() throws IOException {
        try (InputStream in = compressor.decompress(new ByteArrayInputStream(encoded))) {
            List<Map<String, Object>> back = codec.decode(in);
            if (back.size() != RECORDS) {
                throw new IllegalStateException("read " + back.size() + " records, wrote " + RECORDS);
            }
            return back;
        }
    }
}
