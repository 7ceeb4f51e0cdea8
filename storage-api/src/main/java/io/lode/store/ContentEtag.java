package io.lode.store;

import java.util.HexFormat;
import net.jpountz.xxhash.StreamingXXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The etag of the file and memory stores: a hash of the content (XXH64, 16 hex digits), so equal
 * content has equal etags and any change of content changes the etag, whichever process wrote it.
 * A 64-bit hash makes an accidental collision between two versions of one key negligible; it is
 * not meant to resist someone crafting collisions on purpose.
 */
public final class ContentEtag implements AutoCloseable {
    private static final XXHashFactory XXHASH = XXHashFactory.fastestInstance();
    private static final long SEED = 0x4C4F4445L; // "LODE"

    private final StreamingXXHash64 hash = XXHASH.newStreamingHash64(SEED);

    /** The etag of a whole array. */
    public static String of(byte[] content) {
        return format(XXHASH.hash64().hash(content, 0, content.length, SEED));
    }

    /** Adds the next bytes of the content. */
    public void update(byte[] bytes, int offset, int length) {
        hash.update(bytes, offset, length);
    }

    /** The etag of everything added so far. */
    public String etag() {
        return format(hash.getValue());
    }

    @Override
    public void close() {
        hash.close();
    }

    private static String format(long value) {
        return HexFormat.of().toHexDigits(value);
    }
}
