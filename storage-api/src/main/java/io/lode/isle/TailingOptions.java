package io.lode.isle;

import io.lode.internal.Require;
import java.time.Duration;

/**
 * Options of a {@link TailingReader}.
 *
 * @param refreshInterval how often the background refresh started by {@link TailingReader#start()}
 *     probes the log (default 1 s)
 * @param reader options of the reader underneath
 */
public record TailingOptions(Duration refreshInterval, ReaderOptions reader) {
    public TailingOptions {
        Require.nonNull(refreshInterval, "refreshInterval");
        Require.argument(!refreshInterval.isNegative() && !refreshInterval.isZero(), "refreshInterval must be positive");
        Require.nonNull(reader, "reader");
    }

    public static TailingOptions defaults() {
        return new TailingOptions(Duration.ofSeconds(1), ReaderOptions.defaults());
    }
}
