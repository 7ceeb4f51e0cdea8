package io.lode.bench.memtable;

import io.lode.core.key.InternalKeyTrailer;
import io.lode.core.memtable.Memtable;
import io.lode.core.memtable.MemtableEntry;
import io.lode.core.memory.UnsignedBytes;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentSkipListMap;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Point lookups of present keys, chosen uniformly at random, in structures prefilled with
 * {@code entries} entries of 16-byte keys and 100-byte values, on 1 and 2 threads. With a million
 * entries (~160 MB) nearly every node visited below the top levels is a cache miss; a small table
 * shows the cost of the search itself.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx6g"})
public class MemtableGetBenchmark {
    /** One reader thread's random choice of keys. */
    @State(Scope.Thread)
    public static class Reader {
        @Param({"1000000"})
        int entries;
        final SplittableRandom random = new SplittableRandom(Thread.currentThread().threadId());
        final byte[] key = new byte[BenchmarkKeys.KEY_BYTES];
        final MemorySegment keySegment = MemorySegment.ofArray(key);
        final byte[] valueBuffer = new byte[BenchmarkKeys.VALUE_BYTES];

        void advance() {
            BenchmarkKeys.fill(key, random.nextInt(entries));
        }
    }

    @State(Scope.Benchmark)
    public static class LodeTable {
        @Param({"1000000"})
        int entries;

        Memtable memtable;

        @Setup(Level.Trial)
        public void fill() {
            memtable = Memtable.create(Math.max(64L << 20, entries * 200L));
            byte[] key = new byte[BenchmarkKeys.KEY_BYTES];
            MemorySegment value = MemorySegment.ofArray(BenchmarkKeys.value(0));
            for (int i = 0; i < entries; i++) {
                BenchmarkKeys.fill(key, i);
                memtable.put(MemorySegment.ofArray(key), i, value);
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            memtable.close();
        }
    }

    @State(Scope.Benchmark)
    public static class SkipListTable {
        @Param({"1000000"})
        int entries;

        ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(UnsignedBytes::compare);

        @Setup(Level.Trial)
        public void fill() {
            byte[] value = BenchmarkKeys.value(0);
            for (int i = 0; i < entries; i++) {
                byte[] key = new byte[BenchmarkKeys.KEY_BYTES];
                BenchmarkKeys.fill(key, i);
                map.put(key, value.clone());
            }
        }
    }

    @State(Scope.Benchmark)
    public static class RocksTable {
        @Param({"1000000"})
        int entries;

        RocksDbMemtable db;

        @Setup(Level.Trial)
        public void fill() {
            db = new RocksDbMemtable(1L << 30);
            byte[] key = new byte[BenchmarkKeys.KEY_BYTES];
            byte[] value = BenchmarkKeys.value(0);
            for (int i = 0; i < entries; i++) {
                BenchmarkKeys.fill(key, i);
                db.put(key, value);
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            db.close();
        }
    }

    private static void lode(LodeTable table, Reader r, Blackhole bh) {
        r.advance();
        MemtableEntry found = table.memtable.get(r.keySegment, InternalKeyTrailer.MAX_SEQUENCE);
        bh.consume(found.value().byteSize());
    }

    private static void skipList(SkipListTable table, Reader r, Blackhole bh) {
        r.advance();
        bh.consume(table.map.get(r.key).length);
    }

    private static void rocks(RocksTable table, Reader r, Blackhole bh) {
        r.advance();
        bh.consume(table.db.get(r.key, r.valueBuffer));
    }

    @Benchmark
    @Threads(1)
    public void lodeMemtable_1thread(LodeTable table, Reader r, Blackhole bh) {
        lode(table, r, bh);
    }

    @Benchmark
    @Threads(2)
    public void lodeMemtable_2threads(LodeTable table, Reader r, Blackhole bh) {
        lode(table, r, bh);
    }

    @Benchmark
    @Threads(1)
    public void concurrentSkipListMap_1thread(SkipListTable table, Reader r, Blackhole bh) {
        skipList(table, r, bh);
    }

    @Benchmark
    @Threads(2)
    public void concurrentSkipListMap_2threads(SkipListTable table, Reader r, Blackhole bh) {
        skipList(table, r, bh);
    }

    @Benchmark
    @Threads(1)
    public void rocksDbJni_1thread(RocksTable table, Reader r, Blackhole bh) {
        rocks(table, r, bh);
    }

    @Benchmark
    @Threads(2)
    public void rocksDbJni_2threads(RocksTable table, Reader r, Blackhole bh) {
        rocks(table, r, bh);
    }
}
