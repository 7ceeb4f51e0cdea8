package io.lode.isle;

import static io.lode.isle.CatchUpOptions.copy;
import static io.lode.isle.CatchUpOptions.hex;

import io.lode.internal.Require;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link TailingReader#tail} loop: start from {@link #every(Duration)} and narrow it with the
 * {@code with} methods, each of which returns a new value. Keys are copied in and out. A later
 * version may add options, with defaults, without breaking code written against this one.
 */
public final class TailOptions {
    private final byte[] minKey;
    private final byte[] maxKey;
    private final byte[] startAfterKey;
    private final Duration pollInterval;

    private TailOptions(byte[] minKey, byte[] maxKey, byte[] startAfterKey, Duration pollInterval) {
        Require.nonNull(pollInterval, "pollInterval");
        Require.argument(!pollInterval.isNegative() && !pollInterval.isZero(), "pollInterval must be positive, not " + pollInterval);
        this.minKey = minKey;
        this.maxKey = maxKey;
        this.startAfterKey = startAfterKey;
        this.pollInterval = pollInterval;
    }

    /** Every key, polling every {@code pollInterval} (positive). */
    public static TailOptions every(Duration pollInterval) {
        return new TailOptions(null, null, null, pollInterval);
    }

    /** The first key to deliver, or null for the first key of the database. */
    public byte[] minKey() {
        return copy(minKey);
    }

    /** The last key to deliver, or null for no bound. */
    public byte[] maxKey() {
        return copy(maxKey);
    }

    /** Resume after this key, or null; it overrides {@link #minKey()}. */
    public byte[] startAfterKey() {
        return copy(startAfterKey);
    }

    /** How long to wait between passes. */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** See {@link #minKey()}. */
    public TailOptions withMinKey(byte[] key) {
        return new TailOptions(copy(key), maxKey, startAfterKey, pollInterval);
    }

    /** See {@link #maxKey()}. */
    public TailOptions withMaxKey(byte[] key) {
        return new TailOptions(minKey, copy(key), startAfterKey, pollInterval);
    }

    /** See {@link #startAfterKey()}. */
    public TailOptions withStartAfterKey(byte[] key) {
        return new TailOptions(minKey, maxKey, copy(key), pollInterval);
    }

    /** See {@link #pollInterval()}. */
    public TailOptions withPollInterval(Duration interval) {
        return new TailOptions(minKey, maxKey, startAfterKey, interval);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TailOptions t && Arrays.equals(minKey, t.minKey) && Arrays.equals(maxKey, t.maxKey)
                && Arrays.equals(startAfterKey, t.startAfterKey) && pollInterval.equals(t.pollInterval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(minKey), Arrays.hashCode(maxKey), Arrays.hashCode(startAfterKey), pollInterval);
    }

    @Override
    public String toString() {
        return "TailOptions[minKey=" + hex(minKey) + ", maxKey=" + hex(maxKey) + ", startAfterKey=" + hex(startAfterKey)
                + ", pollInterval=" + pollInterval + "]";
    }
}
