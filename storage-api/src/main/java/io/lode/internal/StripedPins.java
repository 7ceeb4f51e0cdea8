package io.lode.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A count of the reads running on something (a view, an epoch), kept on striped, padded counters
 * chosen by thread, so that concurrent reads do not contend on one cache line. A read pins and
 * unpins on the same stripe (a cursor closed on another thread passes the stripe it pinned on);
 * the count is read whole only to ask whether no read runs.
 */
public final class StripedPins {
    private static final int STRIPES = 16;
    /** Longs per stripe: one stripe per 64-byte cache line. */
    private static final int PAD = 8;

    private final AtomicLongArray counts = new AtomicLongArray(STRIPES * PAD);

    /** The stripe the calling thread pins on: pass it to {@link #pin} and to the matching {@link #unpin}. */
    public static int stripe() {
        return (int) (Thread.currentThread().threadId() & (STRIPES - 1)) * PAD;
    }

    public void pin(int stripe) {
        counts.incrementAndGet(stripe);
    }

    public void unpin(int stripe) {
        counts.decrementAndGet(stripe);
    }

    /** Whether no read is pinned, stripe by stripe: a read pinning meanwhile must check for itself. */
    public boolean none() {
        for (int s = 0; s < STRIPES * PAD; s += PAD) {
            if (counts.get(s) != 0) {
                return false;
            }
        }
        return true;
    }
}
