package io.lode.dataset;

import java.time.Instant;

/**
 * A record that carries its own time. Records written through a {@link Dataset} that implement it
 * contribute to the manifest's {@code min_timestamp} and {@code max_timestamp}; nothing else does,
 * because Lode records facts and never infers them from field values.
 */
public interface Timestamped {
    /** The record's time. */
    Instant timestamp();
}
