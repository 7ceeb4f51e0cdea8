package io.lode.isle;

import io.lode.internal.Require;
import java.time.Duration;

/**
 * A {@link TailingReader#tail} loop.
 *
 * @param minKey the first key to deliver, or null
 * @param maxKey the last key to deliver, or null
 * @param startAfterKey resume after this key, or null (it overrides {@code minKey})
 * @param pollInterval how long to wait between passes
 */
public record TailOptions(byte[] minKey, byte[] maxKey, byte[] startAfterKey, Duration pollInterval) {
    public TailOptions {
        Require.nonNull(pollInterval, "pollInterval");
        Require.argument(!pollInterval.isNegative() && !pollInterval.isZero(), "pollInterval must be positive");
    }

    /** Every key, polling every {@code pollInterval}. */
    public static TailOptions every(Duration pollInterval) {
        return new TailOptions(null, null, null, pollInterval);
    }

    public TailOptions startingAfter(byte[] key) {
        return new TailOptions(minKey, maxKey, key, pollInterval);
    }
}
