package io.lode.isle;

import io.lode.internal.Require;
import io.lode.isle.manifest.ManifestLog;
import java.time.Duration;

/**
 * Options of Isle's garbage collection (docs/isle-protocol.md, "Garbage collection"), run by the
 * {@link Compactor} and the {@link RetentionCompactor} after each of their passes, or alone by a
 * {@link GarbageCollector}. Times are measured
 * with {@link IsleOptions#clock()}.
 *
 * @param enabled whether to collect at all ({@link #off()} keeps every object forever)
 * @param gracePeriod how long an object stays after it was found unreferenced, and how long a
 *     snapshot must have been in CURRENT before the log entries and snapshots below it go
 *     (default 10 min, at least 1 min): readers holding an older view keep reading for this long
 * @param orphanScanEvery every this many passes (and on the first), list {@code sstable/} and
 *     {@code blobs/} to find objects nothing references: uploads that were never committed, and
 *     blobs no live table refers to (default 30)
 * @param sweepBatch at most this many objects of each kind are deleted per pass (default 128)
 * @param interval how often {@link GarbageCollector#start()} runs a pass (default 1 min);
 *     {@link Duration#ZERO} for no background passes
 * @param listener told what each pass did (default {@link GcListener#NONE})
 */
public record GcOptions(boolean enabled, Duration gracePeriod, int orphanScanEvery, int sweepBatch, Duration interval,
        GcListener listener) {

    /** The shortest grace period: twice the age after which readers re-check CURRENT, leaving the rest for clock skew. */
    public static final Duration MIN_GRACE_PERIOD = ManifestLog.RECHECK_AFTER.multipliedBy(2);

    public GcOptions {
        Require.nonNull(gracePeriod, "gracePeriod");
        Require.argument(gracePeriod.compareTo(MIN_GRACE_PERIOD) >= 0, "gracePeriod must be at least " + MIN_GRACE_PERIOD
                + " (readers notice collected log entries only after " + ManifestLog.RECHECK_AFTER + "), not " + gracePeriod);
        Require.argument(orphanScanEvery >= 1, "orphanScanEvery must be at least 1, not " + orphanScanEvery);
        Require.argument(sweepBatch >= 1, "sweepBatch must be at least 1, not " + sweepBatch);
        Require.nonNull(interval, "interval");
        Require.argument(!interval.isNegative(), "interval must not be negative");
        Require.nonNull(listener, "listener");
    }

    public static GcOptions defaults() {
        return new GcOptions(true, Duration.ofMinutes(10), 30, 128, Duration.ofMinutes(1), GcListener.NONE);
    }

    /** No collection: nothing is ever deleted. */
    public static GcOptions off() {
        return defaults().withEnabled(false);
    }

    public GcOptions withEnabled(boolean on) {
        return new GcOptions(on, gracePeriod, orphanScanEvery, sweepBatch, interval, listener);
    }

    public GcOptions withGracePeriod(Duration grace) {
        return new GcOptions(enabled, grace, orphanScanEvery, sweepBatch, interval, listener);
    }

    public GcOptions withOrphanScanEvery(int passes) {
        return new GcOptions(enabled, gracePeriod, passes, sweepBatch, interval, listener);
    }

    public GcOptions withSweepBatch(int objects) {
        return new GcOptions(enabled, gracePeriod, orphanScanEvery, objects, interval, listener);
    }

    public GcOptions withInterval(Duration every) {
        return new GcOptions(enabled, gracePeriod, orphanScanEvery, sweepBatch, every, listener);
    }

    public GcOptions withListener(GcListener l) {
        return new GcOptions(enabled, gracePeriod, orphanScanEvery, sweepBatch, interval, l);
    }
}
