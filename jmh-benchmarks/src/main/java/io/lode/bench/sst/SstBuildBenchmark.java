package io.lode.bench.sst;

import io.lode.bench.Directories;
import io.lode.sst.Compression;
import io.lode.sst.SstWriter;
import io.lode.sst.SstWriterOptions;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.EnvOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.SstFileWriter;

/**
 * Building a table of {@value #ENTRIES} entries (16-byte keys, 100-byte values), ours against RocksDB's
 * SstFileWriter through JNI, both to a file on tmpfs with 4 KiB blocks, format_version 5, CRC32C and
 * a 10 bits/key Bloom filter. Throughput is in entries per second: MB/s = ops/s x 116 / 10^6.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@OperationsPerInvocation(SstBuildBenchmark.ENTRIES)
public class SstBuildBenchmark {
    static final int ENTRIES = 200_000;

    @Param({"NONE", "LZ4"})
    public String compression;

    private byte[][] keys;
    private MemorySegment[] keySegments;
    private byte[][] values;
    private MemorySegment[] valueSegments;
    private Path dir;
    private int file;
    private BloomFilter rocksDbFilter;
    private ExecutorService sealer;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        RocksDB.loadLibrary();
        keys = new byte[ENTRIES][];
        keySegments = new MemorySegment[ENTRIES];
        for (int i = 0; i < ENTRIES; i++) {
            keys[i] = BenchData.key(2L * i);
            keySegments[i] = MemorySegment.ofArray(keys[i]);
        }
        values = BenchData.values(1024, 1);
        valueSegments = new MemorySegment[values.length];
        for (int i = 0; i < values.length; i++) {
            valueSegments[i] = MemorySegment.ofArray(values[i]);
        }
        dir = BenchData.scratchDirectory();
        rocksDbFilter = new BloomFilter(10);
        sealer = Executors.newSingleThreadExecutor();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        rocksDbFilter.close();
        sealer.shutdownNow();
        Directories.deleteRecursively(dir);
    }

    private Path nextFile() {
        // Overwrite a few files in turn so tmpfs does not fill up.
        return dir.resolve("t" + (file++ % 4) + ".sst");
    }

    @Benchmark
    public long lode() {
        return build(SstWriterOptions.defaults().withCompression(Compression.valueOf(compression)));
    }

    /** Ours with blocks compressed and checksummed on one other thread while the next are built. */
    @Benchmark
    public long lodeSealedOnAnotherThread() {
        return build(SstWriterOptions.defaults().withCompression(Compression.valueOf(compression))
                .withSealingExecutor(sealer));
    }

    private long build(SstWriterOptions options) {
        try (SstWriter writer = SstWriter.toFile(nextFile(), options)) {
            for (int i = 0; i < ENTRIES; i++) {
                writer.put(keySegments[i], i + 1, valueSegments[i & 1023]);
            }
            return writer.finish().dataSize();
        }
    }

    @Benchmark
    public long rocksDbJni() throws Exception {
        BlockBasedTableConfig table = new BlockBasedTableConfig().setFormatVersion(5).setBlockSize(4096)
                .setFilterPolicy(rocksDbFilter);
        try (Options options = new Options().setTableFormatConfig(table).setCompressionType(
                        "LZ4".equals(compression) ? CompressionType.LZ4_COMPRESSION : CompressionType.NO_COMPRESSION);
                EnvOptions env = new EnvOptions();
                SstFileWriter writer = new SstFileWriter(env, options)) {
            writer.open(nextFile().toString());
            for (int i = 0; i < ENTRIES; i++) {
                writer.put(keys[i], values[i & 1023]);
            }
            writer.finish();
            return writer.fileSize();
        }
    }
}
