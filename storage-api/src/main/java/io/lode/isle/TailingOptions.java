package io.lode.isle;

import io.lode.internal.Require;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link TailingReader}: start from {@link #defaults()} and change what you need with
 * the {@code with} methods, each of which returns a new value. A later version may add options,
 * with defaults, without breaking code written against this one.
 */
public final class TailingOptions {
    private static final TailingOptions DEFAULTS = new TailingOptions(Duration.ofSeconds(1), ReaderOptions.defaults());

    private final Duration refreshInterval;
    private final ReaderOptions reader;

    private TailingOptions(Duration refreshInterval, ReaderOptions reader) {
        Require.nonNull(refreshInterval, "refreshInterval");
        Require.argument(!refreshInterval.isNegative() && !refreshInterval.isZero(), "refreshInterval must be positive, not "
                + refreshInterval);
        Require.nonNull(reader, "reader");
        this.refreshInterval = refreshInterval;
        this.reader = reader;
    }

    /** A refresh every second over a reader with {@link ReaderOptions#defaults()}. */
    public static TailingOptions defaults() {
        return DEFAULTS;
    }

    /** How often the background refresh started by {@link TailingReader#start()} probes the log (default 1 s). */
    public Duration refreshInterval() {
        return refreshInterval;
    }

    /** Options of the reader underneath (default {@link ReaderOptions#defaults()}). */
    public ReaderOptions reader() {
        return reader;
    }

    /** See {@link #refreshInterval()}. */
    public TailingOptions withRefreshInterval(Duration interval) {
        return new TailingOptions(interval, reader);
    }

    /** See {@link #reader()}. */
    public TailingOptions withReader(ReaderOptions options) {
        return new TailingOptions(refreshInterval, options);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TailingOptions t && refreshInterval.equals(t.refreshInterval) && reader.equals(t.reader);
    }

    @Override
    public int hashCode() {
        return Objects.hash(refreshInterval, reader);
    }

    @Override
    public String toString() {
        return "TailingOptions[refreshInterval=" + refreshInterval + ", reader=" + reader + "]";
    }
}
