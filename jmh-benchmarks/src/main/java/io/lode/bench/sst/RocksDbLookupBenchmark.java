package io.lode.bench.sst;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.SstFileReader;
import org.rocksdb.SstFileReaderIterator;

/**
 * The peer of {@link SstLookupBenchmark}: RocksDB's SstFileReader (JNI, its default block cache)
 * seeking an iterator on the same file our writer produced, then reading the key and value.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class RocksDbLookupBenchmark {
    @Param({"4096", "16384", "65536"})
    public int blockSize;

    private LookupTable table;
    private Options options;
    private SstFileReader reader;
    private ReadOptions readOptions;
    private SstFileReaderIterator iterator;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        RocksDB.loadLibrary();
        table = new LookupTable(blockSize);
        options = new Options();
        reader = new SstFileReader(options);
        reader.open(table.file.toString());
        readOptions = new ReadOptions();
        iterator = reader.newIterator(readOptions);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        iterator.close();
        readOptions.close();
        reader.close();
        options.close();
        table.delete();
    }

    @Benchmark
    public int seekPresent() {
        iterator.seek(table.presentKeys[next++ & (LookupTable.PROBES - 1)]);
        return iterator.value().length;
    }

    @Benchmark
    public boolean seekAbsent() {
        byte[] key = table.absentKeys[next++ & (LookupTable.PROBES - 1)];
        iterator.seek(key);
        // An absent key lands on the next key; a point lookup must compare to see it missed.
        return iterator.isValid() && java.util.Arrays.equals(iterator.key(), key);
    }
}
