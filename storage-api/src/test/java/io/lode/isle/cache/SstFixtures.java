package io.lode.isle.cache;

import io.lode.isle.manifest.SstChecksum;
import io.lode.isle.manifest.SstMeta;
import io.lode.spi.ObjectStore;
import io.lode.sst.Compression;
import io.lode.sst.SegmentOutputStream;
import io.lode.sst.SstWriter;
import io.lode.sst.SstWriterOptions;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Real SSTs for the cache tests, stored under {@code sstable/<id>} as the engine stores them. */
final class SstFixtures {
    private SstFixtures() {}

    static String objectKey(String id) {
        return "sstable/" + id;
    }

    static MemorySegment key(int i) {
        return utf8(String.format("key-%06d", i));
    }

    static MemorySegment value(String id, int i) {
        return utf8(id + "-value-" + i + "-" + "x".repeat(i % 50));
    }

    static MemorySegment utf8(String s) {
        return MemorySegment.ofArray(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A table of {@code count} keys whose values name the table, so tables never coincide. */
    static byte[] table(String id, int count) {
        return table(id, count, Compression.NONE);
    }

    static byte[] table(String id, int count, Compression compression) {
        SegmentOutputStream out = new SegmentOutputStream();
        try (SstWriter writer = SstWriter.toMemory(out, SstWriterOptions.defaults().withCompression(compression))) {
            for (int i = 0; i < count; i++) {
                writer.put(key(i), i + 1, value(id, i));
            }
            writer.finish();
        }
        return out.toByteArray();
    }

    /** Uploads {@code bytes} as SST {@code id} and returns the manifest's record of it. */
    static SstMeta upload(ObjectStore store, String id, byte[] bytes) {
        store.put(objectKey(id), bytes);
        return meta(id, bytes);
    }

    static SstMeta meta(String id, byte[] bytes) {
        return new SstMeta(id, 1, 1, new byte[0], new byte[0], bytes.length,
                SstChecksum.of(MemorySegment.ofArray(bytes)), 1, false, Instant.EPOCH);
    }
}
