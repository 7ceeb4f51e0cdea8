package io.lode.isle.engine;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Keeps a merge to a rate of input bytes, so that a compaction on a small machine leaves cores to
 * the readers and the writer beside it: a token bucket that holds one second of the rate, filled
 * as time passes and drained by the bytes merged, and a merge that finds it empty sleeps until it
 * refills. A merge smaller than one second's worth never waits. Not thread-safe: one per merge.
 */
final class CompactionPace {

    /** How the pace waits; a test counts instead of sleeping. */
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    static final Sleeper THREAD_SLEEP = nanos -> TimeUnit.NANOSECONDS.sleep(nanos);

    private final long bytesPerSecond;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final BooleanSupplier hurry;
    /** Bytes merged between two looks at the clock: 1/64 of a second's worth, from 4 KiB to 1 MiB. */
    private final long step;
    /** When the bytes admitted so far are due at the rate, in {@link #nanoTime} units. */
    private long dueAt;
    private long pending;
    private long sleptNanos;

    /**
     * @param bytesPerSecond the rate; 0 admits everything at once
     * @param hurry true while the merge should run unpaced (its compactor is stopping)
     */
    CompactionPace(long bytesPerSecond, LongSupplier nanoTime, Sleeper sleeper, BooleanSupplier hurry) {
        this.bytesPerSecond = bytesPerSecond;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.hurry = hurry;
        this.step = Math.clamp(bytesPerSecond / 64, 4 << 10, 1 << 20);
        this.dueAt = nanoTime.getAsLong() - TimeUnit.SECONDS.toNanos(1); // a full bucket
    }

    /** A pace that never waits. */
    static CompactionPace unpaced() {
        return new CompactionPace(0, () -> 0, THREAD_SLEEP, () -> true);
    }

    /**
     * Counts {@code bytes} merged and, every 1/64 of a second's worth, waits if the merge runs ahead of
     * the rate.
     *
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    void admit(long bytes) throws InterruptedException {
        if (bytesPerSecond <= 0) {
            return;
        }
        pending += bytes;
        if (pending < step) {
            return;
        }
        long now = nanoTime.getAsLong();
        // A bucket holds at most one second: time spent idle (waiting on the store) is not saved up.
        dueAt = Math.max(dueAt, now - TimeUnit.SECONDS.toNanos(1))
                + pending * 1_000_000_000L / bytesPerSecond;
        pending = 0;
        if (dueAt > now && !hurry.getAsBoolean()) {
            sleeper.sleepNanos(dueAt - now);
            sleptNanos += dueAt - now;
        }
    }

    /** The time {@link #admit} has waited. */
    long sleptNanos() {
        return sleptNanos;
    }
}
