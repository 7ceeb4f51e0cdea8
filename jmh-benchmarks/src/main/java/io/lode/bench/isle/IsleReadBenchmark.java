package io.lode.bench.isle;

import io.lode.bench.Directories;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.bench.memtable.BenchmarkKeys;
import io.lode.isle.Cursor;
import io.lode.isle.IsleDB;
import io.lode.isle.IsleReader;
import io.lode.isle.IsleWriter;
import io.lode.isle.ReaderOptions;
import io.lode.isle.WriterOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * The read side of Isle against RocksDB JNI on the same 1,000,000 entries (16-byte keys, 100-byte
 * values) in 8 level-0 tables each: warm point gets of present and absent keys (Isle: SSTs mapped
 * from its cache directory, or, with {@code mode=rangeReads}, the default reader's ranged requests
 * through a block cache that holds everything; RocksDB: a 10-bit Bloom filter and a block cache
 * holding everything, or with {@code cacheMiB=16} a tenth of it) and a full scan, on values of
 * three compressibilities.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class IsleReadBenchmark {
    static final int ENTRIES = 1_000_000;
    static final int TABLES = 8;

    static {
        RocksDB.loadLibrary();
    }

    /** How the Isle reader reads its tables: {@code cacheDir} (mapped) or {@code rangeReads} (the default way). */
    @Param({"cacheDir", "rangeReads"})
    public String mode;

    /** The values' compressibility ({@link BenchmarkKeys#value(String, long)}): random, text (~2:1), repeated (~5:1). */
    @Param({"random", "text", "repeated"})
    public String values;

    /**
     * The block cache of each engine, in MiB: 512 holds the whole data set; 16 holds about a
     * tenth of its decompressed blocks, so most gets miss it (the files stay in the OS page
     * cache for both engines).
     */
    @Param({"512"})
    public int cacheMiB;

    Path directory;
    LodeConnection connection;
    IsleReader reader;
    Options rocksOptions;
    RocksDB rocks;
    final byte[] value = new byte[BenchmarkKeys.VALUE_BYTES];

    @Setup(Level.Trial)
    public void load() throws Exception {
        directory = Files.createTempDirectory("lode-bench-isle-read");
        Path data = Files.createDirectory(directory.resolve("store"));
        connection = Lode.connect("lode:" + data.toUri() + "?fsync=false");
        IsleDB db = connection.isle("db");
        // A fair peer: a 10-bit Bloom filter like ours, and a block cache that holds the whole data set.
        rocksOptions = new Options().setCreateIfMissing(true).setWriteBufferSize(512L << 20).setDisableAutoCompactions(true)
                .setCompressionType(org.rocksdb.CompressionType.LZ4_COMPRESSION)
                .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(new BloomFilter(10, false))
                        .setBlockCache(new LRUCache((long) cacheMiB << 20)));
        rocks = RocksDB.open(rocksOptions, directory.resolve("rocks").toString());
        byte[] key = new byte[BenchmarkKeys.KEY_BYTES];
        try (IsleWriter w = db.openWriter(WriterOptions.defaults().withFlushInterval(Duration.ZERO).withMemtableBytes(256L << 20));
                WriteOptions noWal = new WriteOptions().setDisableWAL(true);
                FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            for (int t = 0; t < TABLES; t++) {
                for (int i = t; i < ENTRIES; i += TABLES) {
                    BenchmarkKeys.fill(key, i);
                    byte[] v = BenchmarkKeys.value(values, i);
                    w.put(key, v);
                    rocks.put(noWal, key, v);
                }
                w.flush();
                rocks.flush(flush);
            }
        }
        reader = db.openReader(switch (mode) {
            case "cacheDir" -> ReaderOptions.defaults().withCacheDir(directory.resolve("cache")).withBlockCacheBytes((long) cacheMiB << 20);
            case "rangeReads" -> ReaderOptions.defaults().withRangeReads((long) cacheMiB << 20);
            default -> throw new IllegalArgumentException("mode " + mode);
        });
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        reader.close();
        connection.close();
        rocks.close();
        rocksOptions.close();
        Directories.deleteRecursively(directory);
    }

    /** A key of the data set, or (absent) of the indexes above it. */
    private static byte[] key(boolean present) {
        byte[] key = new byte[BenchmarkKeys.KEY_BYTES];
        int i = ThreadLocalRandom.current().nextInt(ENTRIES);
        BenchmarkKeys.fill(key, present ? i : ENTRIES + i);
        return key;
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public byte[] isleGetPresent() {
        return reader.get(key(true));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public byte[] isleGetAbsent() {
        return reader.get(key(false));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int rocksGetPresent() throws Exception {
        return rocks.get(key(true), value);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int rocksGetAbsent() throws Exception {
        return rocks.get(key(false), value);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, batchSize = 1)
    @Measurement(iterations = 5, batchSize = 1)
    public long isleScanAll() {
        long n = 0;
        try (Cursor c = reader.scan(null, null)) {
            while (c.next()) {
                n += c.valueSegment().byteSize();
            }
        }
        return n;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, batchSize = 1)
    @Measurement(iterations = 5, batchSize = 1)
    public long rocksScanAll() {
        long n = 0;
        try (RocksIterator it = rocks.newIterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                n += it.value().length;
            }
        }
        return n;
    }
}
