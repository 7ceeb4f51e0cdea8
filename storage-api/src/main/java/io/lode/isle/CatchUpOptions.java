package io.lode.isle;

import io.lode.internal.Require;

/**
 * One catch-up pass of a {@link TailingReader}.
 *
 * @param minKey the first key to deliver, or null for the first key
 * @param maxKey the last key to deliver, or null for no bound
 * @param startAfterKey deliver only keys after this one (resuming), or null
 * @param limit the most entries to deliver
 */
public record CatchUpOptions(byte[] minKey, byte[] maxKey, byte[] startAfterKey, int limit) {
    public CatchUpOptions {
        Require.argument(limit >= 0, "limit must not be negative, not " + limit);
    }

    /** Every key, without a limit. */
    public static CatchUpOptions all() {
        return new CatchUpOptions(null, null, null, Integer.MAX_VALUE);
    }

    public CatchUpOptions startingAfter(byte[] key) {
        return new CatchUpOptions(minKey, maxKey, key, limit);
    }

    public CatchUpOptions limitedTo(int n) {
        return new CatchUpOptions(minKey, maxKey, startAfterKey, n);
    }
}
