package io.lode.isle;

import io.lode.internal.Require;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link RetentionCompactor}: which tables it removes, and how often it looks. Made by
 * {@link #byAge} or {@link #byTimeWindow}, then changed with the {@code with} methods, each of
 * which returns a new value; every value is explicit (there is no "0 means default"). A later
 * version may add options, with defaults, without breaking code written against this one.
 *
 * <p>Ages are measured by each table's creation time, and "now" is {@link IsleOptions#clock()}, the
 * clock that also stamps those times when the writer flushes and the compactor merges (so a test's
 * clock decides both); a merge compaction gives its outputs a fresh creation time, so compacted
 * data looks young to retention.
 */
public final class RetentionOptions {
    /** How a {@link RetentionCompactor} selects the tables it removes. */
    public enum Mode {
        /**
         * First in, first out: the oldest tables created strictly before {@code now - period},
         * always keeping the {@code count} newest tables (by count, not bytes).
         */
        BY_AGE,
        /**
         * Whole time windows: tables are grouped by creation time into segments of {@code segment},
         * floored on the Unix epoch (segment starts are the multiples of {@code segment} since
         * 1970-01-01T00:00:00Z, so a 7-day segment starts on a Thursday); every table of a segment
         * that ended strictly before {@code now - period} is removed, oldest segment first, always
         * keeping at least {@code max(1, count / 10)} segments.
         */
        BY_TIME_WINDOW
    }

    private final Mode mode;
    private final Duration period;
    private final Duration segment;
    private final int count;
    private final Duration interval;
    private final RetentionListener listener;
    private final GcOptions gc;

    private RetentionOptions(Mode mode, Duration period, Duration segment, int count, Duration interval, RetentionListener listener,
            GcOptions gc) {
        Require.nonNull(period, "period");
        Require.argument(!period.isNegative(), "the retention period must not be negative, not " + period);
        Require.argument(count >= 0, "the retention count must not be negative, not " + count);
        if (mode == Mode.BY_TIME_WINDOW) {
            Require.nonNull(segment, "segment");
            Require.argument(segment.toMillis() >= 1 && segment.compareTo(Duration.ofDays(365 * 1000L)) <= 0
                    && segment.getNano() % 1_000_000 == 0,
                    "a time window's segment must be a whole number of milliseconds from 1 ms to 1000 years, not " + segment);
        }
        Require.nonNull(interval, "interval");
        Require.argument(!interval.isNegative(), "interval must not be negative, not " + interval);
        Require.nonNull(listener, "listener");
        Require.nonNull(gc, "gc");
        this.mode = mode;
        this.period = period;
        this.segment = segment;
        this.count = count;
        this.interval = interval;
        this.listener = listener;
        this.gc = gc;
    }

    /**
     * First-in-first-out retention: remove tables created more than {@code period} ago, oldest
     * first, but always keep the {@code count} newest tables. A pass a minute, default collection.
     *
     * @param period zero or more ({@link Duration#ZERO}: every table is old enough, only the count keeps)
     * @param count zero or more (0: nothing is kept for its count)
     */
    public static RetentionOptions byAge(Duration period, int count) {
        return new RetentionOptions(Mode.BY_AGE, period, null, count, Duration.ofMinutes(1), RetentionListener.NONE,
                GcOptions.defaults());
    }

    /**
     * Time-window retention: remove whole segments of {@code segment} (floored on the Unix epoch)
     * that ended more than {@code period} ago, but always keep at least {@code max(1, count / 10)}
     * segments. A pass a minute, default collection.
     *
     * @param segment a whole number of milliseconds, from 1 ms to 1000 years
     */
    public static RetentionOptions byTimeWindow(Duration period, Duration segment, int count) {
        return new RetentionOptions(Mode.BY_TIME_WINDOW, period, segment, count, Duration.ofMinutes(1),
                RetentionListener.NONE, GcOptions.defaults());
    }

    /** How tables are selected. */
    public Mode mode() {
        return mode;
    }

    /** Tables (by age) or segments (by time window) older than this are removed. */
    public Duration period() {
        return period;
    }

    /** The length of a time window's segments, whole milliseconds; null in {@link Mode#BY_AGE}. */
    public Duration segment() {
        return segment;
    }

    /**
     * By age: the number of newest tables always kept; by time window: at least
     * {@code max(1, count / 10)} segments are always kept.
     */
    public int count() {
        return count;
    }

    /**
     * How often {@link RetentionCompactor#start()} runs a pass (default 1 min); {@link Duration#ZERO}
     * for no background passes (then only {@link RetentionCompactor#runOnce()}).
     */
    public Duration interval() {
        return interval;
    }

    /** Told of each pass that removed something, and of failed background passes (default {@link RetentionListener#NONE}). */
    public RetentionListener listener() {
        return listener;
    }

    /**
     * The garbage collection each pass ends with, which deletes the removed tables after its grace
     * period (default {@link GcOptions#defaults()}; {@link GcOptions#off()} leaves it to a separate
     * {@link GarbageCollector} or to the {@link Compactor}'s).
     */
    public GcOptions gc() {
        return gc;
    }

    /** See {@link #interval()}. */
    public RetentionOptions withInterval(Duration every) {
        return new RetentionOptions(mode, period, segment, count, every, listener, gc);
    }

    /** See {@link #listener()}. */
    public RetentionOptions withListener(RetentionListener l) {
        return new RetentionOptions(mode, period, segment, count, interval, l, gc);
    }

    /** See {@link #gc()}. */
    public RetentionOptions withGc(GcOptions options) {
        return new RetentionOptions(mode, period, segment, count, interval, listener, options);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetentionOptions r && mode == r.mode && period.equals(r.period) && Objects.equals(segment, r.segment)
                && count == r.count && interval.equals(r.interval) && listener.equals(r.listener) && gc.equals(r.gc);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, period, segment, count, interval, listener, gc);
    }

    @Override
    public String toString() {
        return "RetentionOptions[mode=" + mode + ", period=" + period + ", segment=" + segment + ", count=" + count + ", interval="
                + interval + ", listener=" + listener + ", gc=" + gc + "]";
    }
}
