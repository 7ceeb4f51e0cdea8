package io.lode.bench.sst;

import io.lode.bench.Directories;
import io.lode.sst.SstWriter;
import io.lode.sst.SstWriterOptions;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Random;

/**
 * The point-lookup data set: a table of about 64 MiB written by our writer (16-byte keys, 100-byte
 * values, keys 0, 2, 4...), and random present (even) and absent (odd) probe keys.
 */
final class LookupTable {
    /** About 64 MiB of table with 4 KiB blocks. */
    static final int ENTRIES = 520_000;
    static final int PROBES = 1 << 16;

    final Path dir;
    final Path file;
    final byte[][] presentKeys = new byte[PROBES][];
    final byte[][] absentKeys = new byte[PROBES][];
    final MemorySegment[] present = new MemorySegment[PROBES];
    final MemorySegment[] absent = new MemorySegment[PROBES];

    LookupTable(int blockSize) throws IOException {
        this(blockSize, ENTRIES);
    }

    LookupTable(int blockSize, int entries) throws IOException {
        dir = BenchData.scratchDirectory();
        file = dir.resolve("lookup-" + blockSize + ".sst");
        byte[][] values = BenchData.values(1024, 2);
        try (SstWriter writer = SstWriter.toFile(file, SstWriterOptions.defaults().withBlockSize(blockSize))) {
            for (int i = 0; i < entries; i++) {
                writer.put(MemorySegment.ofArray(BenchData.key(2L * i)), i + 1, MemorySegment.ofArray(values[i & 1023]));
            }
            writer.finish();
        }
        Random random = new Random(blockSize);
        for (int i = 0; i < PROBES; i++) {
            long k = random.nextInt(entries);
            presentKeys[i] = BenchData.key(2 * k);
            absentKeys[i] = BenchData.key(2 * k + 1);
            present[i] = MemorySegment.ofArray(presentKeys[i]);
            absent[i] = MemorySegment.ofArray(absentKeys[i]);
        }
    }

    void delete() throws IOException {
        Directories.deleteRecursively(dir);
    }
}
