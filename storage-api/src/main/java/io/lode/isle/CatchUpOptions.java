package io.lode.isle;

import io.lode.internal.Require;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One catch-up pass of a {@link TailingReader}: start from {@link #all()} and narrow it with the
 * {@code with} methods, each of which returns a new value. Keys are copied in and out, so a caller
 * may reuse its arrays. A later version may add options, with defaults, without breaking code
 * written against this one.
 *
 * <pre>{@code
 * CatchUpOptions.all().withStartAfterKey(last.lastKey()).withLimit(1_000)
 * }</pre>
 */
public final class CatchUpOptions {
    private static final CatchUpOptions ALL = new CatchUpOptions(null, null, null, Integer.MAX_VALUE);

    private final byte[] minKey;
    private final byte[] maxKey;
    private final byte[] startAfterKey;
    private final int limit;

    private CatchUpOptions(byte[] minKey, byte[] maxKey, byte[] startAfterKey, int limit) {
        Require.argument(limit >= 0, "limit must not be negative, not " + limit);
        this.minKey = minKey;
        this.maxKey = maxKey;
        this.startAfterKey = startAfterKey;
        this.limit = limit;
    }

    /** Every key, without a limit. */
    public static CatchUpOptions all() {
        return ALL;
    }

    /** The first key to deliver, or null for the first key of the database. */
    public byte[] minKey() {
        return copy(minKey);
    }

    /** The last key to deliver, or null for no bound. */
    public byte[] maxKey() {
        return copy(maxKey);
    }

    /** Deliver only keys after this one (to resume after {@link CatchUpResult#lastKey()}), or null. */
    public byte[] startAfterKey() {
        return copy(startAfterKey);
    }

    /** The most entries to deliver (default {@link Integer#MAX_VALUE}). */
    public int limit() {
        return limit;
    }

    /** See {@link #minKey()}. */
    public CatchUpOptions withMinKey(byte[] key) {
        return new CatchUpOptions(copy(key), maxKey, startAfterKey, limit);
    }

    /** See {@link #maxKey()}. */
    public CatchUpOptions withMaxKey(byte[] key) {
        return new CatchUpOptions(minKey, copy(key), startAfterKey, limit);
    }

    /** See {@link #startAfterKey()}. */
    public CatchUpOptions withStartAfterKey(byte[] key) {
        return new CatchUpOptions(minKey, maxKey, copy(key), limit);
    }

    /** See {@link #limit()}. */
    public CatchUpOptions withLimit(int n) {
        return new CatchUpOptions(minKey, maxKey, startAfterKey, n);
    }

    private static byte[] copy(byte[] key) {
        return key == null ? null : key.clone();
    }

    private static String hex(byte[] key) {
        return key == null ? "null" : HexFormat.of().formatHex(key);
    }

    /** The keys for {@link #toString()}, here and in {@link TailOptions}. */
    String keysToString() {
        return "minKey=" + hex(minKey) + ", maxKey=" + hex(maxKey) + ", startAfterKey=" + hex(startAfterKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CatchUpOptions c && Arrays.equals(minKey, c.minKey) && Arrays.equals(maxKey, c.maxKey)
                && Arrays.equals(startAfterKey, c.startAfterKey) && limit == c.limit;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(minKey) + Arrays.hashCode(maxKey)) + Arrays.hashCode(startAfterKey)) + limit;
    }

    @Override
    public String toString() {
        return "CatchUpOptions[" + keysToString() + ", limit=" + limit + "]";
    }
}
