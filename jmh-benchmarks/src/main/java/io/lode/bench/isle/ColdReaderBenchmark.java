package io.lode.bench.isle;

import io.lode.bench.memtable.BenchmarkKeys;
import io.lode.isle.IsleReader;
import io.lode.isle.ReaderOptions;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * A reader's first reads: each invocation opens a new reader on {@link IsleReadBenchmark}'s data
 * (1,000,000 entries in 8 tables, on the local disk, whose files the operating system has cached
 * for both engines) and reads {@value #READS} random present keys, against RocksDB opened read-only
 * with a new 512 MiB block cache. The time per invocation is the time to the {@value #READS}th read.
 */
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ColdReaderBenchmark {
    static final int READS = 20_000;

    @Benchmark
    public long isleFirstReads(IsleReadBenchmark data) {
        ReaderOptions options = switch (data.mode) {
            case "cacheDir" -> ReaderOptions.defaults().withCacheDir(data.directory.resolve("cold-cache-" + System.nanoTime()));
            case "rangeReads" -> ReaderOptions.defaults().withRangeReads(512L << 20);
            default -> throw new IllegalArgumentException("mode " + data.mode);
        };
        try (IsleReader reader = data.connection.isle("db").openReader(options)) {
            return firstReads(reader::get);
        }
    }

    @Benchmark
    public long rocksDbFirstReads(IsleReadBenchmark data) throws Exception {
        try (LRUCache cache = new LRUCache(512L << 20);
                Options options = new Options().setTableFormatConfig(new BlockBasedTableConfig()
                        .setFilterPolicy(new BloomFilter(10, false)).setBlockCache(cache));
                RocksDB rocks = RocksDB.openReadOnly(options, data.directory.resolve("rocks").toString())) {
            return firstReads(key -> {
                try {
                    return rocks.get(key);
                } catch (RocksDBException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    /** {@value #READS} gets of random present keys, the same keys for both engines; the bytes read. */
    private static long firstReads(UnaryOperator<byte[]> get) {
        long bytes = 0;
        SplittableRandom random = new SplittableRandom(READS);
        byte[] key = new byte[BenchmarkKeys.KEY_BYTES];
        for (int i = 0; i < READS; i++) {
            BenchmarkKeys.fill(key, random.nextInt(IsleReadBenchmark.ENTRIES));
            bytes += get.apply(key).length;
        }
        return bytes;
    }
}
