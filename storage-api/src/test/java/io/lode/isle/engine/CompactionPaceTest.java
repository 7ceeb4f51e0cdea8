package io.lode.isle.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The pace of a merge, on a clock that moves only when the pace sleeps or the test says so. */
class CompactionPaceTest {
    private static final long MIB = 1 << 20;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private long now = 1_000 * SECOND;
    private final AtomicBoolean hurry = new AtomicBoolean();

    private CompactionPace pace(long bytesPerSecond) {
        return new CompactionPace(bytesPerSecond, () -> now, nanos -> now += nanos, hurry::get);
    }

    private static void admit(CompactionPace pace, long bytes) throws InterruptedException {
        for (long done = 0; done < bytes; done += 64 << 10) {
            pace.admit(64 << 10);
        }
    }

    @Test
    void aMergeRunsAtTheRateAfterItsFirstSecondsWorth() throws InterruptedException {
        CompactionPace pace = pace(MIB);
        admit(pace, 10 * MIB);
        assertEquals(9 * SECOND, pace.sleptNanos(), "10 MiB at 1 MiB/s: the first MiB at once, then one second each");
    }

    @Test
    void timeSpentElsewhereCountsButIsNotSavedUpBeyondOneSecond() throws InterruptedException {
        CompactionPace pace = pace(MIB);
        admit(pace, 2 * MIB);
        long slept = pace.sleptNanos();
        now += 5 * SECOND; // reading inputs from a slow store
        admit(pace, 3 * MIB);
        assertEquals(slept + 2 * SECOND, pace.sleptNanos(), "after an idle spell only one second's worth goes at once");
    }

    @Test
    void anUnpacedOrHurriedMergeNeverWaits() throws InterruptedException {
        CompactionPace none = pace(0);
        admit(none, 100 * MIB);
        assertEquals(0, none.sleptNanos());
        CompactionPace unpaced = CompactionPace.unpaced();
        admit(unpaced, 100 * MIB);
        assertEquals(0, unpaced.sleptNanos());

        CompactionPace stopping = pace(MIB);
        admit(stopping, 3 * MIB);
        hurry.set(true); // the compactor is stopping: finish the merge now
        long slept = stopping.sleptNanos();
        admit(stopping, 50 * MIB);
        assertEquals(slept, stopping.sleptNanos());
    }
}
