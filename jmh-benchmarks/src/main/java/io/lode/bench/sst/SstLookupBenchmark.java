package io.lode.bench.sst;

import io.lode.sst.BlockCache;
import io.lode.sst.LruBlockCache;
import io.lode.sst.SstReader;
import io.lode.sst.SstSource;
import io.lode.sst.Version;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
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

/**
 * Point lookups on a mapped table of about 64 MiB: present keys (filter, index search, block seek,
 * checksum unless cached) and absent keys (mostly stopped by the Bloom filter). {@code cache=none}
 * verifies the block's checksum on every lookup; {@code cache=lru} keeps verified blocks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SstLookupBenchmark {
    @Param({"4096", "16384", "65536"})
    public int blockSize;

    @Param({"none", "lru"})
    public String cache;

    /** Entries in the table: the default makes about 64 MiB; a small table separates CPU from memory cost. */
    @Param({"520000"})
    public int entries;

    private LookupTable table;
    private Arena arena;
    private SstReader reader;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        table = new LookupTable(blockSize, entries);
        arena = Arena.ofShared();
        MemorySegment mapped;
        try (FileChannel channel = FileChannel.open(table.file, StandardOpenOption.READ)) {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
        }
        BlockCache blocks = "lru".equals(cache) ? new LruBlockCache(256L << 20) : BlockCache.NONE;
        reader = SstReader.open(SstSource.of(table.file.toString(), mapped), blocks);
        System.out.printf("%ntable: %d bytes, %d data blocks%n", mapped.byteSize(), reader.properties().dataBlocks());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        arena.close();
        table.delete();
    }

    @Benchmark
    public long getPresent() {
        Version v = reader.get(table.present[next++ & (LookupTable.PROBES - 1)]);
        return v.value().byteSize();
    }

    @Benchmark
    public Version getAbsent() {
        return reader.get(table.absent[next++ & (LookupTable.PROBES - 1)]);
    }
}
