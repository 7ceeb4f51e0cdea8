package io.lode.isle.background;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pass run on one daemon thread at a fixed delay: the background flush, compaction and refresh.
 * A pass that throws is simply run again after the next delay; it must not end the loop, and with a
 * bare {@code scheduleWithFixedDelay} an escaping exception would cancel every later pass unseen.
 * A pass that should stop for good (a fenced writer or compactor) checks that itself.
 */
public final class BackgroundLoop {
    private final ScheduledExecutorService executor;
    private final Runnable guarded;
    /** Whether a pass asked for by {@link #wake()} is queued and not yet started. */
    private final AtomicBoolean woken = new AtomicBoolean();

    private BackgroundLoop(String threadName, Duration interval, Runnable pass) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name(threadName).unstarted(r));
        guarded = () -> {
            try {
                pass.run();
            } catch (RuntimeException e) {
                // retried after the next delay; the failure was the pass's to report
            }
        };
        long ms = Math.max(1, interval.toMillis());
        executor.scheduleWithFixedDelay(guarded, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs a pass now, besides the scheduled ones (a memtable filled up: waiting for the next tick
     * would stall writers). Wakes that come while one is queued are one wake; never blocks.
     */
    public void wake() {
        if (woken.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    woken.set(false);
                    guarded.run();
                });
            } catch (RejectedExecutionException e) {
                woken.set(false); // stopped: the owner is closing and flushes on its own
            }
        }
    }

    /** Starts running {@code pass} on a daemon thread named {@code threadName}, every {@code interval} after the last ended. */
    public static BackgroundLoop start(String threadName, Duration interval, Runnable pass) {
        return new BackgroundLoop(threadName, interval, pass);
    }

    /** Stops scheduling and waits up to {@code wait} for a running pass to finish. */
    public void stop(Duration wait) {
        executor.shutdown();
        try {
            executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
