package io.lode.bench.isle;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.bench.Directories;
import io.lode.bench.memtable.BenchmarkKeys;
import io.lode.isle.Compactor;
import io.lode.isle.CompactorOptions;
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
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * Reads beside writes, flushes and compactions: one thread gets random keys of a 1,000,000-entry
 * data set while another overwrites random keys of it, on each engine in turn, as a service that
 * serves reads while it ingests does.
 *
 * <p>Isle runs as deployed: a default writer (background flush every second, 64 MiB memtables), a
 * default background compactor, and a range-read reader with a {@code cacheMiB} block cache
 * refreshed every 100 ms by its own thread, all on a file store. RocksDB runs with the WAL off (an
 * Isle put is not durable before its flush either), 64 MiB memtables, automatic compaction, a
 * 10-bit Bloom filter, LZ4 and a {@code cacheMiB} LRU block cache. The default cache of 64 MiB holds
 * about half the data set's decompressed blocks, so reads also miss it.
 *
 * <p>{@code putsPerSecond} paces the writer (0: as fast as it goes, which measures reads while the
 * engine is write-bound: flushes and compactions back to back). Read latencies are the {@code get}
 * rows of each group; the {@code put} rows include the pacing.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IsleMixedBenchmark {
    static final int ENTRIES = 1_000_000;
    static final int PRELOAD_TABLES = 8;

    static {
        RocksDB.loadLibrary();
    }

    /** The values' compressibility ({@link BenchmarkKeys#value(String, long)}). */
    @Param({"random", "text", "repeated"})
    public String values;

    /** Puts per second of the writing thread; 0 leaves it unpaced. */
    @Param({"20000", "0"})
    public int putsPerSecond;

    /** Each engine's block cache, in MiB. */
    @Param({"64"})
    public int cacheMiB;

    /** Which engine this trial runs: the other is not opened, so it takes no memory or cores. */
    @Param({"isle", "rocksdb"})
    public String engine;

    Path directory;
    // Isle
    LodeConnection connection;
    IsleWriter writer;
    Compactor compactor;
    IsleReader reader;
    Thread refresher;
    // RocksDB
    Options rocksOptions;
    WriteOptions noWal;
    RocksDB rocks;

    @Setup(Level.Trial)
    public void open() throws Exception {
        directory = Files.createTempDirectory("lode-bench-mixed");
        byte[] key = new byte[BenchmarkKeys.KEY_BYTES];
        if (engine.equals("isle")) {
            connection = Lode.connect("lode:" + Files.createDirectory(directory.resolve("store")).toUri());
            IsleDB db = connection.isle("db");
            try (IsleWriter loader = db.openWriter(WriterOptions.defaults().withFlushInterval(Duration.ZERO)
                    .withMemtableBytes(256L << 20))) {
                for (int t = 0; t < PRELOAD_TABLES; t++) {
                    for (int i = t; i < ENTRIES; i += PRELOAD_TABLES) {
                        BenchmarkKeys.fill(key, i);
                        loader.put(key, BenchmarkKeys.value(values, i));
                    }
                    loader.flush();
                }
            }
            writer = db.openWriter(WriterOptions.defaults());
            compactor = db.openCompactor(CompactorOptions.defaults());
            reader = db.openReader(ReaderOptions.defaults().withRangeReads((long) cacheMiB << 20));
            refresher = Thread.ofPlatform().daemon().name("bench-refresh").start(this::refreshEvery100Millis);
        } else {
            rocksOptions = new Options().setCreateIfMissing(true).setWriteBufferSize(64L << 20)
                    .setCompressionType(CompressionType.LZ4_COMPRESSION)
                    .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(new BloomFilter(10, false))
                            .setBlockCache(new LRUCache((long) cacheMiB << 20)));
            noWal = new WriteOptions().setDisableWAL(true);
            rocks = RocksDB.open(rocksOptions, directory.resolve("rocks").toString());
            for (int i = 0; i < ENTRIES; i++) {
                BenchmarkKeys.fill(key, i);
                rocks.put(noWal, key, BenchmarkKeys.value(values, i));
            }
        }
    }

    private void refreshEvery100Millis() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(100);
                reader.refresh();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                System.Logger log = System.getLogger(IsleMixedBenchmark.class.getName());
                log.log(System.Logger.Level.WARNING, "a refresh failed; the next one tries again", e);
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        if (refresher != null) {
            refresher.interrupt();
            refresher.join();
            reader.close();
            compactor.close();
            writer.close();
            connection.close();
        }
        if (rocks != null) {
            rocks.close();
            noWal.close();
            rocksOptions.close();
        }
        Directories.deleteRecursively(directory);
    }

    /** The writing thread's keys, values and pace. */
    @State(Scope.Thread)
    public static class Writes {
        final byte[] key = new byte[BenchmarkKeys.KEY_BYTES];
        String kind;
        long sent;
        long started;
        long interval;

        @Setup(Level.Iteration)
        public void pace(IsleMixedBenchmark b) {
            kind = b.values;
            interval = b.putsPerSecond == 0 ? 0 : 1_000_000_000L / b.putsPerSecond;
            started = System.nanoTime();
            sent = 0;
        }

        /** The next key to overwrite, after waiting for its slot when paced. */
        byte[] next() {
            if (interval > 0) {
                long due = started + sent * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            sent++;
            BenchmarkKeys.fill(key, ThreadLocalRandom.current().nextInt(ENTRIES));
            return key;
        }

        byte[] value() {
            return BenchmarkKeys.value(kind, sent);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[BenchmarkKeys.KEY_BYTES];
        BenchmarkKeys.fill(key, ThreadLocalRandom.current().nextInt(ENTRIES));
        return key;
    }

    @Benchmark
    @Group("mixed")
    @GroupThreads(1)
    public Object get() throws RocksDBException {
        byte[] key = randomKey();
        return reader != null ? reader.get(key) : rocks.get(key);
    }

    @Benchmark
    @Group("mixed")
    @GroupThreads(1)
    public long put(Writes w) throws RocksDBException {
        byte[] key = w.next();
        byte[] value = w.value();
        if (writer != null) {
            return writer.put(key, value);
        }
        rocks.put(noWal, key, value);
        return 0;
    }
}
