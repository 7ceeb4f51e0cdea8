package io.lode.isle.manifest;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.internal.Require;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;
import java.util.regex.Pattern;
import net.jpountz.xxhash.StreamingXXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The checksum the manifest records for a whole SST object ({@code SstMeta.checksum()}):
 * {@code "xxh64:"} followed by the XXH64 (seed 0) of every byte, as 16 lower-case hex digits. The
 * writer computes it before it uploads a table; the reader checks a cached file against it.
 */
public final class SstChecksum {
    private static final String PREFIX = "xxh64:";
    private static final Pattern FORMAT = Pattern.compile("xxh64:[0-9a-fA-F]{16}");
    private static final XXHashFactory XXHASH = XXHashFactory.fastestInstance();
    private static final long SEED = 0;
    /** The one-shot hash takes an int length; larger tables are hashed in chunks of this size. */
    private static final int LARGE_CHUNK = 1 << 20;

    private SstChecksum() {}

    /** The checksum of all of {@code bytes}, of any size. */
    public static String of(MemorySegment bytes) {
        Require.nonNull(bytes, "bytes");
        long size = bytes.byteSize();
        long hash = size <= Integer.MAX_VALUE && viewableAsByteBuffer(bytes)
                ? XXHASH.hash64().hash(bytes.asByteBuffer(), 0, (int) size, SEED)
                : streamingHash(bytes, LARGE_CHUNK);
        return PREFIX + HexFormat.of().toHexDigits(hash);
    }

    /**
     * Whether {@code bytes} have {@code checksum}.
     *
     * @throws LodeException {@code CORRUPTION} if {@code checksum} is not of the form
     *     {@code xxh64:<16 hex>} (the manifest that recorded it is damaged)
     */
    public static boolean matches(String checksum, MemorySegment bytes) {
        if (checksum == null || !FORMAT.matcher(checksum).matches()) {
            throw new LodeException(ErrorCode.CORRUPTION, "SST checksum '" + checksum
                    + "' is not of the form xxh64:<16 hex digits>");
        }
        return of(bytes).equalsIgnoreCase(checksum);
    }

    /** Native memory and byte arrays can be hashed in place; heap segments over other arrays cannot. */
    private static boolean viewableAsByteBuffer(MemorySegment bytes) {
        return bytes.isNative() || bytes.heapBase().orElse(null) instanceof byte[];
    }

    /**
     * XXH64 through the streaming hash, which only accepts arrays: used for tables of 2 GiB or more
     * and heap segments over arrays other than {@code byte[]}, and by the tests to check it agrees with the one-shot hash.
     */
    static long streamingHash(MemorySegment bytes, int chunkSize) {
        byte[] chunk = new byte[(int) Math.min(chunkSize, Math.max(1, bytes.byteSize()))];
        try (StreamingXXHash64 hash = XXHASH.newStreamingHash64(SEED)) {
            for (long offset = 0; offset < bytes.byteSize(); offset += chunk.length) {
                int length = (int) Math.min(chunk.length, bytes.byteSize() - offset);
                MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, offset, chunk, 0, length);
                hash.update(chunk, 0, length);
            }
            return hash.getValue();
        }
    }
}
