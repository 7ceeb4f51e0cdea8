package io.lode.bench.isle;

import io.lode.bench.Directories;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.bench.memtable.BenchmarkKeys;
import io.lode.isle.Compactor;
import io.lode.isle.CompactorOptions;
import io.lode.isle.IsleWriter;
import io.lode.isle.WriterOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.EnvOptions;
import org.rocksdb.IngestExternalFileOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.SstFileWriter;

/**
 * Merge compaction of 8 level-0 tables into one sorted run (docs/isle-protocol.md, compaction): Isle's compactor on a file
 * store against RocksDB's {@code compactRange} over the same entries, both LZ4 with 16 KiB blocks
 * (Isle) or 4 KiB blocks and a 10-bit Bloom filter (RocksDB's defaults for the block size), outputs
 * cut at 64 MiB.
 *
 * <p>Each of the 8 tables holds {@code tableMiB} MiB worth of uncompressed entries (16-byte keys,
 * 100-byte values of the {@code values} compressibility; about entry count x 127 bytes before
 * compression, which shrinks text and repeated values), with keys spread
 * over the whole key space, so every table overlaps every other, as flushes of random keys do. Every
 * key is distinct: nothing is dropped, the merge writes all it reads. The databases are built once
 * per trial (Isle: 8 flushes; RocksDB: 8 SstFileWriter tables ingested one by one into level 0) and
 * copied afresh for every measured compaction, outside the measurement.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx8g"})
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, batchSize = 1)
@Measurement(iterations = 3, batchSize = 1)
public class IsleCompactionBenchmark {
    static final int TABLES = 8;
    static final long ENTRY_BYTES = 127; // key 16 + trailer 8 + value 100 + block entry header 3

    static {
        RocksDB.loadLibrary();
    }

    @Param("64")
    public int tableMiB;

    /** The values' compressibility ({@link BenchmarkKeys#value(String, long)}); tables hold as many entries either way. */
    @Param({"random", "text", "repeated"})
    public String values;

    Path root;
    Path isleTemplate;
    List<Path> rocksTables;
    long inputBytes;

    // per iteration
    Path isleCopy;
    LodeConnection connection;
    Compactor compactor;
    Path rocksDir;
    Options rocksOptions;
    BloomFilter rocksFilter;
    RocksDB rocks;

    @Setup(Level.Trial)
    public void build() throws Exception {
        root = Files.createTempDirectory("lode-bench-compaction");
        isleTemplate = Files.createDirectories(root.resolve("isle"));
        long perTable = (tableMiB << 20) / ENTRY_BYTES;
        try (LodeConnection c = Lode.connect("lode:" + isleTemplate.toUri());
                IsleWriter w = c.isle("db").openWriter(WriterOptions.defaults().withFlushInterval(Duration.ZERO)
                        .withMemtableBytes(perTable * 256).withMaxImmutableMemtables(1))) {
            byte[] key = new byte[BenchmarkKeys.KEY_BYTES];
            for (int t = 0; t < TABLES; t++) {
                for (long i = 0; i < perTable; i++) {
                    long index = i * TABLES + t; // table t holds every 8th key: all tables overlap
                    BenchmarkKeys.fill(key, index);
                    w.put(key, BenchmarkKeys.value(values, index));
                }
                w.flush();
            }
        }
        try (Stream<Path> ssts = Files.list(isleTemplate.resolve("db/sstable"))) {
            List<Path> tables = ssts.toList();
            if (tables.size() != TABLES) {
                throw new IllegalStateException("expected " + TABLES + " level-0 tables, found " + tables.size());
            }
            inputBytes = tables.stream().mapToLong(p -> p.toFile().length()).sum();
        }
        rocksTables = new ArrayList<>();
        try (Options options = rocksOptions(); EnvOptions env = new EnvOptions()) {
            // Key bytes followed by the index the key was made from, sorted by the key alone.
            byte[][] keys = new byte[(int) perTable][];
            int k = BenchmarkKeys.KEY_BYTES;
            for (int t = 0; t < TABLES; t++) {
                for (int i = 0; i < perTable; i++) {
                    keys[i] = new byte[k + Long.BYTES];
                    long index = (long) i * TABLES + t;
                    BenchmarkKeys.fill(keys[i], index);
                    java.nio.ByteBuffer.wrap(keys[i]).putLong(k, index);
                }
                Arrays.sort(keys, (a, b) -> Arrays.compareUnsigned(a, 0, k, b, 0, k));
                Path file = root.resolve("rocks-" + t + ".sst");
                try (SstFileWriter writer = new SstFileWriter(env, options)) {
                    writer.open(file.toString());
                    for (byte[] entry : keys) {
                        writer.put(Arrays.copyOf(entry, k), BenchmarkKeys.value(values, java.nio.ByteBuffer.wrap(entry).getLong(k)));
                    }
                    writer.finish();
                }
                rocksTables.add(file);
            }
        }
        System.out.printf("%ninput: %d Isle tables, %.1f MiB in all%n", TABLES, inputBytes / 1048576.0);
    }

    private Options rocksOptions() {
        rocksFilter = rocksFilter == null ? new BloomFilter(10) : rocksFilter;
        return new Options().setCreateIfMissing(true).setDisableAutoCompactions(true)
                .setCompressionType(CompressionType.LZ4_COMPRESSION).setTargetFileSizeBase(64L << 20)
                .setTableFormatConfig(new BlockBasedTableConfig().setFormatVersion(5).setFilterPolicy(rocksFilter));
    }

    @Setup(Level.Iteration)
    public void copy() throws Exception {
        isleCopy = root.resolve("isle-copy");
        copyTree(isleTemplate, isleCopy);
        connection = Lode.connect("lode:" + isleCopy.toUri());
        compactor = connection.isle("db").openCompactor(CompactorOptions.defaults().withL0Threshold(TABLES));
        rocksDir = root.resolve("rocks");
        rocksOptions = rocksOptions();
        rocks = RocksDB.open(rocksOptions, rocksDir.toString());
        try (IngestExternalFileOptions ingest = new IngestExternalFileOptions().setMoveFiles(false)) {
            for (Path table : rocksTables) { // one by one: each overlaps the last, so all stay in level 0
                rocks.ingestExternalFile(List.of(table.toString()), ingest);
            }
        }
    }

    @TearDown(Level.Iteration)
    public void discard() throws Exception {
        compactor.close();
        connection.close();
        rocks.close();
        rocksOptions.close();
        Directories.deleteRecursively(isleCopy);
        Directories.deleteRecursively(rocksDir);
    }

    @TearDown(Level.Trial)
    public void clean() throws Exception {
        rocksFilter.close();
        Directories.deleteRecursively(root);
    }

    @Benchmark
    public boolean isleCompactor() {
        if (!compactor.runOnce()) {
            throw new IllegalStateException("the compactor found nothing to merge");
        }
        return true;
    }

    @Benchmark
    public void rocksCompactRange() throws Exception {
        rocks.compactRange();
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
