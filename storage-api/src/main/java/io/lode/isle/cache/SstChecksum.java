package io.lode.isle.cache;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import net.jpountz.xxhash.StreamingXXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The checksum recorded in the manifest for every SST object: {@code "xxh64:<16 hex>"}, XXH64 with
 * seed 0 over the whole object. Readers check it before trusting a downloaded or cached copy.
 */
public final class SstChecksum {
    private static final XXHashFactory XXHASH = XXHashFactory.fastestInstance();
    private static final String PREFIX = "xxh64:";
    private static final int CHUNK = 1 << 24;

    private SstChecksum() {}

    /** The checksum of {@code bytes}. */
    public static String of(MemorySegment bytes) {
        long hash;
        if (bytes.byteSize() <= CHUNK) {
            ByteBuffer b = bytes.asByteBuffer();
            hash = XXHASH.hash64().hash(b, 0, b.remaining(), 0);
        } else {
            try (StreamingXXHash64 h = XXHASH.newStreamingHash64(0)) {
                byte[] chunk = new byte[CHUNK];
                for (long at = 0; at < bytes.byteSize(); at += CHUNK) {
                    int n = (int) Math.min(CHUNK, bytes.byteSize() - at);
                    MemorySegment.copy(bytes, java.lang.foreign.ValueLayout.JAVA_BYTE, at, chunk, 0, n);
                    h.update(chunk, 0, n);
                }
                hash = h.getValue();
            }
        }
        return PREFIX + HexFormat.of().toHexDigits(hash);
    }

    /** Whether {@code bytes} have {@code checksum}. */
    public static boolean matches(String checksum, MemorySegment bytes) {
        return of(bytes).equals(checksum);
    }
}
