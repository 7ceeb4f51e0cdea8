package io.lode.bench.memtable;

import io.lode.core.memtable.InsertResult;
import io.lode.core.memtable.Memtable;
import io.lode.core.memory.UnsignedBytes;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Inserts of fresh 16-byte keys with 100-byte values into an empty structure, on 1 and 2 threads:
 * our off-heap memtable, {@code ConcurrentSkipListMap<byte[], byte[]>} with an unsigned comparator,
 * and RocksDB JNI puts with the WAL off into a memtable that never flushes. Every structure starts
 * empty at each iteration and grows for its duration, so all pay the same growing search depth.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx6g"})
public class MemtableInsertBenchmark {
    /** Bytes per memtable: large enough that an iteration rarely rotates. */
    static final long MEMTABLE_BYTES = 1L << 30;

    /** One writer thread's key stream; keys are unique across threads and iterations. */
    @State(Scope.Thread)
    public static class Writer {
        private static final AtomicLong THREADS = new AtomicLong();
        final long base = THREADS.getAndIncrement() << 40;
        long next;
        final byte[] key = new byte[BenchmarkKeys.KEY_BYTES];
        final byte[] value = BenchmarkKeys.value(base);
        final MemorySegment keySegment = MemorySegment.ofArray(key);
        final MemorySegment valueSegment = MemorySegment.ofArray(value);

        long advance() {
            long index = base | next++;
            BenchmarkKeys.fill(key, index);
            return index;
        }
    }

    /** Our memtable; on FULL it rotates to a fresh one as the engine would. */
    @State(Scope.Benchmark)
    public static class LodeTable {
        volatile Memtable current;
        final List<Memtable> retired = new ArrayList<>();

        @Setup(Level.Iteration)
        public void open() {
            current = Memtable.create(MEMTABLE_BYTES);
        }

        InsertResult insert(Writer w) {
            long sequence = w.advance() & ((1L << 56) - 1);
            while (true) {
                Memtable memtable = current;
                InsertResult result = memtable.put(w.keySegment, sequence, w.valueSegment);
                if (result != InsertResult.FULL) {
                    return result;
                }
                rotate(memtable);
            }
        }

        private synchronized void rotate(Memtable full) {
            if (current == full) {
                retired.add(full);
                current = Memtable.create(MEMTABLE_BYTES);
            }
        }

        @TearDown(Level.Iteration)
        public void close() {
            retired.forEach(Memtable::close);
            retired.clear();
            current.close();
        }
    }

    @State(Scope.Benchmark)
    public static class SkipListTable {
        ConcurrentSkipListMap<byte[], byte[]> map;

        @Setup(Level.Iteration)
        public void open() {
            map = new ConcurrentSkipListMap<>(UnsignedBytes::compare);
        }

        byte[] insert(Writer w) {
            w.advance();
            // The map keeps references, so it must own copies, as a memtable owns its bytes.
            return map.put(w.key.clone(), w.value.clone());
        }

        @TearDown(Level.Iteration)
        public void close() {
            map = null;
        }
    }

    @State(Scope.Benchmark)
    public static class RocksTable {
        RocksDbMemtable db;

        @Setup(Level.Iteration)
        public void open() {
            db = new RocksDbMemtable(MEMTABLE_BYTES * 2);
        }

        void insert(Writer w) {
            w.advance();
            db.put(w.key, w.value);
        }

        @TearDown(Level.Iteration)
        public void close() {
            db.close();
        }
    }

    @Benchmark
    @Threads(1)
    public InsertResult lodeMemtable_1thread(LodeTable table, Writer w) {
        return table.insert(w);
    }

    @Benchmark
    @Threads(2)
    public InsertResult lodeMemtable_2threads(LodeTable table, Writer w) {
        return table.insert(w);
    }

    @Benchmark
    @Threads(1)
    public byte[] concurrentSkipListMap_1thread(SkipListTable table, Writer w) {
        return table.insert(w);
    }

    @Benchmark
    @Threads(2)
    public byte[] concurrentSkipListMap_2threads(SkipListTable table, Writer w) {
        return table.insert(w);
    }

    @Benchmark
    @Threads(1)
    public void rocksDbJni_1thread(RocksTable table, Writer w) {
        table.insert(w);
    }

    @Benchmark
    @Threads(2)
    public void rocksDbJni_2threads(RocksTable table, Writer w) {
        table.insert(w);
    }
}
