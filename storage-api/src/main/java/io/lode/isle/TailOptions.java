package io.lode.isle;

import io.lode.internal.Require;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link TailingReader#tail} loop: start from {@link #every(Duration)} and narrow it with the
 * {@code with} methods, each of which returns a new value. Keys are copied in and out. A later
 * version may add options, with defaults, without breaking code written against this one.
 */
public final class TailOptions {
    // The key range of every pass: a catch-up's, without its limit.
    private final CatchUpOptions keys;
    private final Duration pollInterval;

    private TailOptions(CatchUpOptions keys, Duration pollInterval) {
        Require.nonNull(pollInterval, "pollInterval");
        Require.argument(!pollInterval.isNegative() && !pollInterval.isZero(), "pollInterval must be positive, not " + pollInterval);
        this.keys = keys;
        this.pollInterval = pollInterval;
    }

    /** Every key, polling every {@code pollInterval} (positive). */
    public static TailOptions every(Duration pollInterval) {
        return new TailOptions(CatchUpOptions.all(), pollInterval);
    }

    /** The first key to deliver, or null for the first key of the database. */
    public byte[] minKey() {
        return keys.minKey();
    }

    /** The last key to deliver, or null for no bound. */
    public byte[] maxKey() {
        return keys.maxKey();
    }

    /** Resume after this key, or null; it overrides {@link #minKey()}. */
    public byte[] startAfterKey() {
        return keys.startAfterKey();
    }

    /** How long to wait between passes. */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** See {@link #minKey()}. */
    public TailOptions withMinKey(byte[] key) {
        return new TailOptions(keys.withMinKey(key), pollInterval);
    }

    /** See {@link #maxKey()}. */
    public TailOptions withMaxKey(byte[] key) {
        return new TailOptions(keys.withMaxKey(key), pollInterval);
    }

    /** See {@link #startAfterKey()}. */
    public TailOptions withStartAfterKey(byte[] key) {
        return new TailOptions(keys.withStartAfterKey(key), pollInterval);
    }

    /** See {@link #pollInterval()}. */
    public TailOptions withPollInterval(Duration interval) {
        return new TailOptions(keys, interval);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TailOptions t && keys.equals(t.keys) && pollInterval.equals(t.pollInterval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keys, pollInterval);
    }

    @Override
    public String toString() {
        return "TailOptions[" + keys.keysToString() + ", pollInterval=" + pollInterval + "]";
    }
}
