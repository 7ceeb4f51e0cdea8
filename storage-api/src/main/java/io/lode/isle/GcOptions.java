package io.lode.isle;

import io.lode.internal.Require;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of Isle's garbage collection (docs/isle-protocol.md, "Garbage collection"), run by the
 * {@link Compactor} and the {@link RetentionCompactor} after each of their passes, or alone by a
 * {@link GarbageCollector}. Times are measured with {@link IsleOptions#clock()}. Start from
 * {@link #defaults()} or {@link #off()} and change what you need with the {@code with} methods,
 * each of which returns a new value. A later version may add options, with defaults, without
 * breaking code written against this one.
 */
public final class GcOptions {
    /**
     * The shortest grace period. Readers re-check CURRENT when their last look at the log is older
     * than half of it, so a reader notices collected log entries within half a grace period,
     * leaving the other half for clock skew.
     */
    public static final Duration MIN_GRACE_PERIOD = Duration.ofMinutes(1);

    private static final GcOptions DEFAULTS = new GcOptions(true, Duration.ofMinutes(10), 30, 128, Duration.ofMinutes(1), GcListener.NONE);

    private final boolean enabled;
    private final Duration gracePeriod;
    private final int orphanScanEvery;
    private final int sweepBatch;
    private final Duration interval;
    private final GcListener listener;

    private GcOptions(boolean enabled, Duration gracePeriod, int orphanScanEvery, int sweepBatch, Duration interval, GcListener listener) {
        Require.nonNull(gracePeriod, "gracePeriod");
        Require.argument(gracePeriod.compareTo(MIN_GRACE_PERIOD) >= 0, "gracePeriod must be at least " + MIN_GRACE_PERIOD
                + " (readers notice collected log entries only after " + MIN_GRACE_PERIOD.dividedBy(2) + "), not " + gracePeriod);
        Require.argument(orphanScanEvery >= 1, "orphanScanEvery must be at least 1, not " + orphanScanEvery);
        Require.argument(sweepBatch >= 1, "sweepBatch must be at least 1, not " + sweepBatch);
        Require.nonNull(interval, "interval");
        Require.argument(!interval.isNegative(), "interval must not be negative");
        Require.nonNull(listener, "listener");
        this.enabled = enabled;
        this.gracePeriod = gracePeriod;
        this.orphanScanEvery = orphanScanEvery;
        this.sweepBatch = sweepBatch;
        this.interval = interval;
        this.listener = listener;
    }

    /** Collection on, a 10-minute grace period, an orphan scan every 30 passes, 128 deletions per pass, a pass a minute. */
    public static GcOptions defaults() {
        return DEFAULTS;
    }

    /** No collection: nothing is ever deleted. */
    public static GcOptions off() {
        return DEFAULTS.withEnabled(false);
    }

    /** Whether to collect at all ({@link #off()} keeps every object forever). */
    public boolean enabled() {
        return enabled;
    }

    /**
     * How long an object stays after it was found unreferenced, and how long a snapshot must have
     * been in CURRENT before the log entries and snapshots below it go (default 10 min, at least
     * {@link #MIN_GRACE_PERIOD}): readers holding an older view keep reading for this long.
     */
    public Duration gracePeriod() {
        return gracePeriod;
    }

    /**
     * Every this many passes (and on the first), list {@code sstable/} and {@code blobs/} to find
     * objects nothing references: uploads that were never committed, and blobs no live table
     * refers to (default 30).
     */
    public int orphanScanEvery() {
        return orphanScanEvery;
    }

    /** At most this many objects of each kind are deleted per pass (default 128). */
    public int sweepBatch() {
        return sweepBatch;
    }

    /** How often {@link GarbageCollector#start()} runs a pass (default 1 min); {@link Duration#ZERO} for no background passes. */
    public Duration interval() {
        return interval;
    }

    /** Told what each pass did (default {@link GcListener#NONE}). */
    public GcListener listener() {
        return listener;
    }

    /** See {@link #enabled()}. */
    public GcOptions withEnabled(boolean on) {
        return new GcOptions(on, gracePeriod, orphanScanEvery, sweepBatch, interval, listener);
    }

    /** See {@link #gracePeriod()}. */
    public GcOptions withGracePeriod(Duration grace) {
        return new GcOptions(enabled, grace, orphanScanEvery, sweepBatch, interval, listener);
    }

    /** See {@link #orphanScanEvery()}. */
    public GcOptions withOrphanScanEvery(int passes) {
        return new GcOptions(enabled, gracePeriod, passes, sweepBatch, interval, listener);
    }

    /** See {@link #sweepBatch()}. */
    public GcOptions withSweepBatch(int objects) {
        return new GcOptions(enabled, gracePeriod, orphanScanEvery, objects, interval, listener);
    }

    /** See {@link #interval()}. */
    public GcOptions withInterval(Duration every) {
        return new GcOptions(enabled, gracePeriod, orphanScanEvery, sweepBatch, every, listener);
    }

    /** See {@link #listener()}. */
    public GcOptions withListener(GcListener l) {
        return new GcOptions(enabled, gracePeriod, orphanScanEvery, sweepBatch, interval, l);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GcOptions g && enabled == g.enabled && gracePeriod.equals(g.gracePeriod) && orphanScanEvery == g.orphanScanEvery
                && sweepBatch == g.sweepBatch && interval.equals(g.interval) && listener.equals(g.listener);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, gracePeriod, orphanScanEvery, sweepBatch, interval, listener);
    }

    @Override
    public String toString() {
        return "GcOptions[enabled=" + enabled + ", gracePeriod=" + gracePeriod + ", orphanScanEvery=" + orphanScanEvery
                + ", sweepBatch=" + sweepBatch + ", interval=" + interval + ", listener=" + listener + "]";
    }
}
