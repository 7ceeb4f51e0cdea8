package io.lode.bench.isle;

import io.lode.bench.Directories;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.bench.memtable.BenchmarkKeys;
import io.lode.isle.IsleWriter;
import io.lode.isle.WriterOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * The write side of Isle against RocksDB JNI on the same data (16-byte keys, 100-byte values of the
 * {@code values} compressibility: random, text ~2:1, repeated ~5:1; each entry its own value):
 * <ul>
 *   <li>{@code isleWrite}/{@code rocksWrite}: write acceptance, puts per second that are not yet
 *       durable, into memtables of {@code memtableMiB} (64, Isle's default, or 256) that rotate when
 *       full and are not flushed within an iteration (RocksDB: WAL off, flushes only once 64
 *       memtables wait). Run with {@code -t 1} and {@code -t 2}.
 *   <li>{@code isleFlush}/{@code rocksFlush}: the time to make 200,000 puts (23 MB of keys and
 *       values) durable: Isle builds the SST (on two cores where there are two), uploads it to a
 *       file store (fsync on) and commits the log entry; RocksDB flushes its memtable to an SST file.
 * </ul>
 */
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class IsleWriteBenchmark {
    static final int FLUSH_ENTRIES = 200_000;

    static {
        RocksDB.loadLibrary();
    }

    /** A writer on an in-memory store, renewed each iteration so memory stays bounded. */
    @State(Scope.Benchmark)
    public static class IsleTarget {
        /**
         * The memtable size: 64 MiB is the default (a search among at most ~400,000 entries), 256 MiB
         * lets one iteration's puts land in one memtable (up to ~1.6 M entries, deeper searches).
         */
        @Param({"64", "256"})
        int memtableMiB;

        LodeConnection connection;
        IsleWriter writer;
        final AtomicLong next = new AtomicLong();

        @Setup(Level.Iteration)
        public void open() {
            connection = Lode.connect("lode:mem:bench-" + UUID.randomUUID());
            // No background flush: full memtables wait, frozen, so only acceptance is measured.
            writer = connection.isle("db").openWriter(WriterOptions.defaults().withFlushInterval(Duration.ZERO)
                    .withMemtableBytes((long) memtableMiB << 20).withMaxImmutableMemtables(64));
        }

        @TearDown(Level.Iteration)
        public void close() {
            writer.close();
            connection.close();
        }
    }

    /**
     * RocksDB with the WAL off and memtables of the same size as Isle's, which rotate as Isle's do
     * but are not flushed within an iteration (a flush starts only once 64 are full), like Isle's.
     */
    @State(Scope.Benchmark)
    public static class RocksTarget {
        @Param({"64", "256"})
        int memtableMiB;

        Path directory;
        Options options;
        WriteOptions writeOptions;
        RocksDB db;
        final AtomicLong next = new AtomicLong();

        @Setup(Level.Iteration)
        public void open() throws Exception {
            directory = Files.createTempDirectory("lode-bench-rocks-write");
            options = new Options().setCreateIfMissing(true).setWriteBufferSize((long) memtableMiB << 20)
                    .setMaxWriteBufferNumber(66).setMinWriteBufferNumberToMerge(64).setDisableAutoCompactions(true);
            writeOptions = new WriteOptions().setDisableWAL(true);
            db = RocksDB.open(options, directory.toString());
        }

        @TearDown(Level.Iteration)
        public void close() throws Exception {
            db.close();
            writeOptions.close();
            options.close();
            Directories.deleteRecursively(directory);
        }
    }

    /** Per-thread buffers, and values of the {@code values} compressibility made ahead, cycled through. */
    @State(Scope.Thread)
    public static class Buffers {
        static final int POOL = 1024;

        @Param({"random", "text", "repeated"})
        String values;

        final byte[] key = new byte[BenchmarkKeys.KEY_BYTES];
        byte[][] pool;
        int next;

        @Setup(Level.Trial)
        public void make() {
            long salt = Thread.currentThread().threadId() * POOL * 31L;
            pool = new byte[POOL][];
            for (int i = 0; i < POOL; i++) {
                pool[i] = BenchmarkKeys.value(values, salt + i);
            }
        }

        byte[] value() {
            return pool[next++ & (POOL - 1)];
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void isleWrite(IsleTarget t, Buffers b) {
        BenchmarkKeys.fill(b.key, t.next.getAndIncrement());
        t.writer.put(b.key, b.value());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void rocksWrite(RocksTarget t, Buffers b) throws RocksDBException {
        BenchmarkKeys.fill(b.key, t.next.getAndIncrement());
        t.db.put(t.writeOptions, b.key, b.value());
    }

    /** A writer on a file store holding FLUSH_ENTRIES unflushed puts before every flush. */
    @State(Scope.Thread)
    public static class IsleFull {
        @Param({"random", "text", "repeated"})
        String values;

        Path directory;
        LodeConnection connection;
        IsleWriter writer;
        long base;

        @Setup(Level.Trial)
        public void open() throws Exception {
            directory = Files.createTempDirectory("lode-bench-isle-flush");
            connection = Lode.connect("lode:" + directory.toUri());
            writer = connection.isle("db").openWriter(WriterOptions.defaults().withFlushInterval(Duration.ZERO)
                    .withMemtableBytes(64L << 20));
        }

        @Setup(Level.Invocation)
        public void fill() {
            byte[] key = new byte[BenchmarkKeys.KEY_BYTES];
            for (int i = 0; i < FLUSH_ENTRIES; i++) {
                BenchmarkKeys.fill(key, base + i);
                writer.put(key, BenchmarkKeys.value(values, base + i));
            }
            base += FLUSH_ENTRIES;
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            writer.close();
            connection.close();
            Directories.deleteRecursively(directory);
        }
    }

    /** RocksDB holding FLUSH_ENTRIES unflushed puts before every flush. */
    @State(Scope.Thread)
    public static class RocksFull {
        @Param({"random", "text", "repeated"})
        String values;

        Path directory;
        Options options;
        WriteOptions writeOptions;
        FlushOptions flushOptions;
        RocksDB db;
        long base;

        @Setup(Level.Trial)
        public void open() throws Exception {
            directory = Files.createTempDirectory("lode-bench-rocks-flush");
            options = new Options().setCreateIfMissing(true).setWriteBufferSize(256L << 20).setDisableAutoCompactions(true)
                    .setCompressionType(org.rocksdb.CompressionType.LZ4_COMPRESSION);
            writeOptions = new WriteOptions().setDisableWAL(true);
            flushOptions = new FlushOptions().setWaitForFlush(true);
            db = RocksDB.open(options, directory.toString());
        }

        @Setup(Level.Invocation)
        public void fill() throws RocksDBException {
            byte[] key = new byte[BenchmarkKeys.KEY_BYTES];
            for (int i = 0; i < FLUSH_ENTRIES; i++) {
                BenchmarkKeys.fill(key, base + i);
                db.put(writeOptions, key, BenchmarkKeys.value(values, base + i));
            }
            base += FLUSH_ENTRIES;
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            db.close();
            flushOptions.close();
            writeOptions.close();
            options.close();
            Directories.deleteRecursively(directory);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, batchSize = 1)
    @Measurement(iterations = 10, batchSize = 1)
    public Object isleFlush(IsleFull s) {
        return s.writer.flush();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, batchSize = 1)
    @Measurement(iterations = 10, batchSize = 1)
    public void rocksFlush(RocksFull s) throws RocksDBException {
        s.db.flush(s.flushOptions);
    }
}
