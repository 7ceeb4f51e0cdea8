package io.lode.bench.isle;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.bench.Directories;
import io.lode.isle.IsleDB;
import io.lode.isle.IsleOptions;
import io.lode.isle.IsleReader;
import io.lode.isle.IsleWriter;
import io.lode.isle.ReaderOptions;
import io.lode.isle.WriterOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

/**
 * What object storage's round trips cost Isle: every request to the store is held {@code latencyMillis}
 * ({@link DelayedStoreDriver}; 25 ms is S3 Standard's small-object latency), and each benchmark is
 * one cold operation on a database of {@code tables} level-0 tables with disjoint key ranges, left
 * by as many commits. After each iteration the requests it sent are printed: the deterministic
 * cost, next to the time.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IsleOpenBenchmark {
    private static final int KEYS_PER_TABLE = 200;

    @Param({"25"})
    public int latencyMillis;

    @Param({"100"})
    public int tables;

    private Path dir;
    private LodeConnection delayed;
    private IsleDB db;
    private IsleWriter flushing;
    private ExecutorService clients;
    private long requestsBefore;
    private int flushes;

    @Setup(Level.Trial)
    public void build() throws Exception {
        dir = Files.createTempDirectory("lode-open-bench-");
        try (LodeConnection plain = Lode.connect("lode:file:" + dir);
                IsleWriter w = IsleDB.open(plain, "db", IsleOptions.defaults()).openWriter(WriterOptions.defaults())) {
            for (int t = 0; t < tables; t++) {
                for (int k = 0; k < KEYS_PER_TABLE; k++) {
                    w.put(key(t, k), ("value of table " + t + " key " + k).getBytes(StandardCharsets.UTF_8));
                }
                w.flush();
            }
        }
        delayed = Lode.connect("lode:delayed:" + latencyMillis + ":file:" + dir);
        db = IsleDB.open(delayed, "db", IsleOptions.defaults());
        clients = Executors.newFixedThreadPool(10);
    }

    private static byte[] key(int table, int k) {
        return String.format("t%04d-k%05d", table, k).getBytes(StandardCharsets.UTF_8);
    }

    @Setup(Level.Iteration)
    public void count() {
        requestsBefore = DelayedStoreDriver.REQUESTS.get();
    }

    @TearDown(Level.Iteration)
    public void report() {
        System.out.println("requests sent: " + (DelayedStoreDriver.REQUESTS.get() - requestsBefore));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (flushing != null) {
            flushing.close();
        }
        clients.shutdownNow();
        delayed.close();
        Directories.deleteRecursively(dir);
    }

    /** Opening the writer (which fences the previous one) and closing it. */
    @Benchmark
    public void openWriter() {
        db.openWriter(WriterOptions.defaults()).close();
    }

    /** Opening the default reader (range reads: every table opened by its tail) and closing it. */
    @Benchmark
    public void openReader() {
        db.openReader(ReaderOptions.defaults()).close();
    }

    /** A new default reader, then one get in each table, ten at a time. */
    @Benchmark
    public int coldGetsAcrossTables() throws Exception {
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            List<Future<byte[]>> gets = new ArrayList<>();
            for (int t = 0; t < tables; t++) {
                byte[] key = key(t, t % KEYS_PER_TABLE);
                gets.add(clients.submit(() -> r.get(key)));
            }
            int found = 0;
            for (Future<byte[]> g : gets) {
                found += g.get() == null ? 0 : 1;
            }
            if (found != tables) {
                throw new IllegalStateException("found " + found + " of " + tables + " keys");
            }
            return found;
        }
    }

    /** One flush of 100 new keys by a writer that stays open. */
    @Benchmark
    public long flush() {
        if (flushing == null) {
            flushing = db.openWriter(WriterOptions.defaults());
        }
        int n = ++flushes;
        for (int k = 0; k < 100; k++) {
            flushing.put(key(100_000 + n, k), new byte[100]);
        }
        return flushing.flush().logSeq();
    }
}
