package io.lode.isle;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The system clock moved forward by however much a test says: time passes as usual, and a test can
 * skip minutes (a grace period) at once. Objects keep the store's real times, so skipping ahead
 * makes them look as old as they would be.
 */
final class MovableClock implements InstantSource {
    private volatile Duration ahead = Duration.ZERO;

    void advance(Duration d) {
        ahead = ahead.plus(d);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }
}
