package io.lode.bench.isle;

import io.lode.bench.Directories;
import io.lode.ErrorCode;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.bench.memtable.BenchmarkKeys;
import io.lode.isle.Compactor;
import io.lode.isle.CompactorOptions;
import io.lode.isle.IsleDB;
import io.lode.isle.IsleWriter;
import io.lode.isle.WriterOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.Statistics;
import org.rocksdb.TickerType;
import org.rocksdb.WriteOptions;

/**
 * Physical write amplification of a random-key ingest with compaction on: bytes of SSTs
 * written (flushes and compactions) per byte of keys and values put. Not a timing, so not a JMH
 * benchmark: one run of each engine, on a local directory, with 16-byte random keys and 100-byte
 * random values.
 *
 * <ul>
 *   <li>Isle: a writer with 64 MiB memtables flushing in the background, and a merge compactor
 *       (defaults: level 0 merged at 8 tables, runs merged 4 to 8 at a time within 4x) running every
 *       second beside it; at the end a last flush and compactor passes until nothing is due. Bytes
 *       written = the sizes of every SST object under {@code sstable/} (the garbage collector's grace
 *       period, 10 minutes, is longer than the run, so no replaced table is gone yet).</li>
 *   <li>RocksDB JNI: WAL off, 64 MiB write buffer and target file size, LZ4, default leveled
 *       compaction; bytes written = its FLUSH_WRITE_BYTES + COMPACT_WRITE_BYTES statistics, after a
 *       flush and waiting for its compactions.</li>
 * </ul>
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -Xmx6g -cp benchmarks.jar
 * io.lode.bench.isle.WriteAmplification [MiB, default 1024]}
 */
public final class WriteAmplification {
    private WriteAmplification() {}

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        long entries = (mib << 20) / (BenchmarkKeys.KEY_BYTES + BenchmarkKeys.VALUE_BYTES);
        long logical = entries * (BenchmarkKeys.KEY_BYTES + BenchmarkKeys.VALUE_BYTES);
        System.out.printf("ingest: %,d entries, %.1f MiB of keys and values%n", entries, logical / 1048576.0);
        Path root = Files.createTempDirectory("lode-bench-wamp");
        try {
            report("Isle", isle(root.resolve("isle"), entries), logical);
            report("RocksDB JNI", rocks(root.resolve("rocks"), entries), logical);
        } finally {
            Directories.deleteRecursively(root);
        }
    }

    private static void report(String engine, long[] result, long logical) {
        System.out.printf("%-12s wrote %8.1f MiB in %6.1f s: write amplification %.2f%n", engine, result[0] / 1048576.0,
                result[1] / 1e9, (double) result[0] / logical);
    }

    /** Returns bytes written and nanoseconds taken. */
    private static long[] isle(Path dir, long entries) throws Exception {
        Files.createDirectories(dir);
        long start = System.nanoTime();
        try (LodeConnection c = Lode.connect("lode:" + dir.toUri())) {
            IsleDB db = c.isle("db");
            try (IsleWriter w = db.openWriter(WriterOptions.defaults().withMemtableBytes(64L << 20)
                            .withFlushInterval(Duration.ofMillis(100)));
                    Compactor compactor = db.openCompactor(CompactorOptions.defaults().withInterval(Duration.ofSeconds(1)))) {
                compactor.start();
                byte[] key = new byte[BenchmarkKeys.KEY_BYTES];
                for (long i = 0; i < entries; i++) {
                    BenchmarkKeys.fill(key, i);
                    byte[] value = BenchmarkKeys.value(i);
                    while (true) {
                        try {
                            w.put(key, value);
                            break;
                        } catch (LodeException e) {
                            if (e.code() != ErrorCode.BACKPRESSURE) {
                                throw e;
                            }
                            Thread.sleep(1); // the background flush catches up
                        }
                    }
                }
                w.flush();
                compactor.stop();
                while (compactor.runOnce()) {
                    // merge until nothing is due
                }
            }
        }
        long elapsed = System.nanoTime() - start;
        try (Stream<Path> ssts = Files.list(dir.resolve("db/sstable"))) {
            return new long[] {ssts.mapToLong(p -> p.toFile().length()).sum(), elapsed};
        }
    }

    private static long[] rocks(Path dir, long entries) throws Exception {
        RocksDB.loadLibrary();
        long start = System.nanoTime();
        try (Statistics stats = new Statistics();
                Options options = new Options().setCreateIfMissing(true).setStatistics(stats)
                        .setWriteBufferSize(64L << 20).setTargetFileSizeBase(64L << 20)
                        .setCompressionType(CompressionType.LZ4_COMPRESSION);
                WriteOptions write = new WriteOptions().setDisableWAL(true);
                RocksDB db = RocksDB.open(options, dir.toString());
                FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            byte[] key = new byte[BenchmarkKeys.KEY_BYTES];
            for (long i = 0; i < entries; i++) {
                BenchmarkKeys.fill(key, i);
                db.put(write, key, BenchmarkKeys.value(i));
            }
            db.flush(flush);
            while (db.getLongProperty("rocksdb.num-running-compactions") > 0
                    || db.getLongProperty("rocksdb.compaction-pending") > 0) {
                Thread.sleep(100);
            }
            long written = stats.getTickerCount(TickerType.FLUSH_WRITE_BYTES)
                    + stats.getTickerCount(TickerType.COMPACT_WRITE_BYTES);
            return new long[] {written, System.nanoTime() - start};
        }
    }
}
