package io.lode.bench.memory;

import io.lode.core.io.HugePageMemory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's ceiling for pointer-chasing structures: the time of one dependent random load in a
 * region of {@code mib} MiB, that is a chain of loads where each address comes from the previous
 * load, as in a skiplist search or an SST lookup. The region holds one random cycle through all its
 * cache lines, so every step lands on a line the previous steps did not bring in. {@code pages=4k}
 * is ordinary memory ({@code Arena.allocate}); {@code pages=huge} comes from
 * {@link HugePageMemory}, as the memtable's arena does.
 *
 * <p>A lookup that needs {@code m} dependent misses cannot take less than {@code m} times this.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class MemoryLatencyBenchmark {
    private static final int LINE = 64;
    private static final int STEPS = 1024;

    @Param({"1", "16", "64", "256"})
    public int mib;

    @Param({"4k", "huge"})
    public String pages;

    private Arena arena;
    private MemorySegment region;
    private long position;

    @Setup(Level.Trial)
    public void setUp() {
        long bytes = (long) mib << 20;
        arena = Arena.ofShared();
        region = "huge".equals(pages) ? HugePageMemory.allocate(arena, bytes) : arena.allocate(bytes, 4096);
        int lines = (int) (bytes / LINE);
        int[] order = new int[lines];
        for (int i = 0; i < lines; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = lines - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        for (int i = 0; i < lines; i++) {
            region.set(ValueLayout.JAVA_LONG, (long) order[i] * LINE, (long) order[(i + 1) % lines] * LINE);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** Time per dependent load. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long dependentLoad() {
        long p = position;
        for (int i = 0; i < STEPS; i++) {
            p = region.get(ValueLayout.JAVA_LONG, p);
        }
        position = p;
        return p;
    }
}
