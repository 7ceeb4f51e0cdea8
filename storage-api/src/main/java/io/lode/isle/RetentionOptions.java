package io.lode.isle;

import io.lode.internal.Require;
import java.time.Duration;

/**
 * Options of a {@link RetentionCompactor}: which tables it removes, and how often it looks. Made by
 * {@link #byAge} or {@link #byTimeWindow}; every value is explicit (there is no "0 means default").
 * Ages are measured by each table's creation time, and "now" is {@link IsleOptions#clock()}, the
 * clock that also stamps those times when the writer flushes and the compactor merges (so a test's
 * clock decides both); a merge compaction gives its outputs a fresh creation time, so compacted
 * data looks young to retention.
 *
 * @param mode how tables are selected
 * @param period tables (by age) or segments (by time window) older than this are removed
 * @param segment the length of a time window's segments, whole milliseconds; null in {@link Mode#BY_AGE}
 * @param count by age: the number of newest tables always kept; by time window: at least
 *     {@code max(1, count / 10)} segments are always kept
 * @param interval how often {@link RetentionCompactor#start()} runs a pass (default 1 min);
 *     {@link Duration#ZERO} for no background passes (then only {@link RetentionCompactor#runOnce()})
 * @param listener told of each pass that removed something, and of failed background passes
 *     (default {@link RetentionListener#NONE})
 * @param gc the garbage collection each pass ends with, which deletes the removed tables after its
 *     grace period (default {@link GcOptions#defaults()}; {@link GcOptions#off()} leaves it to a
 *     separate {@link GarbageCollector} or to the {@link Compactor}'s)
 */
public record RetentionOptions(Mode mode, Duration period, Duration segment, int count, Duration interval,
        RetentionListener listener, GcOptions gc) {

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

    public RetentionOptions {
        Require.nonNull(mode, "mode");
        Require.nonNull(period, "period");
        Require.argument(!period.isNegative(), "the retention period must not be negative, not " + period);
        Require.argument(count >= 0, "the retention count must not be negative, not " + count);
        if (mode == Mode.BY_TIME_WINDOW) {
            Require.nonNull(segment, "segment");
            Require.argument(segment.toMillis() >= 1 && segment.compareTo(Duration.ofDays(365 * 1000L)) <= 0
                    && segment.getNano() % 1_000_000 == 0,
                    "a time window's segment must be a whole number of milliseconds from 1 ms to 1000 years, not " + segment);
        } else {
            Require.argument(segment == null, "a segment is only for the time-window mode; pass null for by-age");
        }
        Require.nonNull(interval, "interval");
        Require.argument(!interval.isNegative(), "interval must not be negative, not " + interval);
        Require.nonNull(listener, "listener");
        Require.nonNull(gc, "gc");
    }

    /**
     * First-in-first-out retention: remove tables created more than {@code period} ago, oldest
     * first, but always keep the {@code count} newest tables.
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
     * segments.
     */
    public static RetentionOptions byTimeWindow(Duration period, Duration segment, int count) {
        return new RetentionOptions(Mode.BY_TIME_WINDOW, period, segment, count, Duration.ofMinutes(1),
                RetentionListener.NONE, GcOptions.defaults());
    }

    public RetentionOptions withInterval(Duration every) {
        return new RetentionOptions(mode, period, segment, count, every, listener, gc);
    }

    public RetentionOptions withListener(RetentionListener l) {
        return new RetentionOptions(mode, period, segment, count, interval, l, gc);
    }

    public RetentionOptions withGc(GcOptions options) {
        return new RetentionOptions(mode, period, segment, count, interval, listener, options);
    }
}
