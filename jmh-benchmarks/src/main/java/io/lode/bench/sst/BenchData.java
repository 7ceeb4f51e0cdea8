package io.lode.bench.sst;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** The benchmark data set: 16-byte keys and 100-byte values, as in the targets. */
final class BenchData {
    static final int KEY_BYTES = 16;
    static final int VALUE_BYTES = 100;

    private BenchData() {}

    /** Key {@code i}: big-endian, so numeric order is byte order; even i are the present keys. */
    static byte[] key(long i) {
        byte[] key = new byte[KEY_BYTES];
        key[0] = 'k';
        for (int b = 0; b < 8; b++) {
            key[KEY_BYTES - 1 - b] = (byte) (i >>> (8 * b));
        }
        return key;
    }

    /**
     * Values that LZ4 compresses to about half, like db_bench's default compression ratio 0.5: random
     * bytes in the first half, a repeated pattern in the second.
     */
    static byte[][] values(int distinct, long seed) {
        Random random = new Random(seed);
        byte[][] values = new byte[distinct][VALUE_BYTES];
        for (byte[] v : values) {
            for (int i = 0; i < VALUE_BYTES / 2; i++) {
                v[i] = (byte) ('a' + random.nextInt(26));
            }
            for (int i = VALUE_BYTES / 2; i < VALUE_BYTES; i++) {
                v[i] = (byte) ('a' + i % 7);
            }
        }
        return values;
    }

    /** A scratch directory on tmpfs when there is one, so file I/O does not dominate. */
    static Path scratchDirectory() throws java.io.IOException {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) ? Files.createTempDirectory(shm, "lode-bench") : Files.createTempDirectory("lode-bench");
    }

}
