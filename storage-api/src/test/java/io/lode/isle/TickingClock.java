package io.lode.isle;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock each reading of which is one millisecond after the previous, from a fixed start: every
 * table is created strictly after the one before it and strictly before the next retention pass
 * looks, whatever the machine's speed, so a period of zero leaves only the count to decide.
 */
final class TickingClock implements InstantSource {
    private final AtomicLong millis;

    TickingClock(Instant start) {
        millis = new AtomicLong(start.toEpochMilli());
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.incrementAndGet());
    }
}
