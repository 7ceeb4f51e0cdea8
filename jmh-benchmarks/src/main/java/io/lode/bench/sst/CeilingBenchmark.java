package io.lode.bench.sst;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The physical ceilings the SST figures are read against, on 4 KiB blocks of the benchmark data:
 * {@code MemorySegment.copy} bandwidth, raw lz4-java (JNI) compression and decompression, and the
 * JDK's CRC32C. Throughput in blocks per second: MB/s = ops/s x 4096 / 10^6.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class CeilingBenchmark {
    static final int BLOCK = 4096;

    private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();

    private Arena arena;
    private MemorySegment source;
    private MemorySegment target;
    private byte[] block;
    private byte[] compressed;
    private int compressedLength;
    private byte[] restored;

    @Setup(Level.Trial)
    public void setUp() {
        // A block laid out like our data blocks: 16-byte key, 8-byte trailer, 100-byte value.
        block = new byte[BLOCK];
        byte[][] values = BenchData.values(64, 3);
        int at = 0;
        for (int i = 0; at + 127 <= BLOCK; i++) {
            block[at] = 0;
            block[at + 1] = 24;
            block[at + 2] = 100;
            System.arraycopy(BenchData.key(2L * i), 0, block, at + 3, 16);
            block[at + 19] = 1;
            System.arraycopy(values[i & 63], 0, block, at + 27, 100);
            at += 127;
        }
        compressed = new byte[COMPRESSOR.maxCompressedLength(BLOCK)];
        compressedLength = COMPRESSOR.compress(block, 0, BLOCK, compressed, 0, compressed.length);
        restored = new byte[BLOCK];
        arena = Arena.ofShared();
        source = arena.allocate(BLOCK, 64);
        target = arena.allocate(BLOCK, 64);
        MemorySegment.copy(MemorySegment.ofArray(block), 0, source, 0, BLOCK);
        System.out.printf("%nLZ4 ratio on the benchmark block: %d -> %d bytes%n", BLOCK, compressedLength);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public MemorySegment segmentCopy() {
        MemorySegment.copy(source, 0, target, 0, BLOCK);
        return target;
    }

    @Benchmark
    public int lz4Compress() {
        return COMPRESSOR.compress(block, 0, BLOCK, compressed, 0, compressed.length);
    }

    @Benchmark
    public int lz4Decompress() {
        return DECOMPRESSOR.decompress(compressed, 0, compressedLength, restored, 0, BLOCK);
    }

    @Benchmark
    public long crc32c() {
        CRC32C crc = new CRC32C();
        crc.update(block, 0, BLOCK);
        return crc.getValue();
    }
}
