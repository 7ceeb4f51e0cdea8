package io.lode.isle.background;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pass run on one daemon thread at a fixed delay: the background flush, compaction and refresh.
 * A pass that throws is run again after the next delay; it must not end the loop, and with a bare
 * {@code scheduleWithFixedDelay} an escaping exception would cancel every later pass unseen.
 * A pass that should stop for good (a fenced writer or compactor) checks that itself.
 *
 * <p>Failures are visible without flooding a log ({@link FailureLog}): the first failure of a kind
 * as a {@code WARNING} with the whole exception, a repetition only counted, a recovery at {@code INFO}.
 */
public final class BackgroundLoop {
    private final ScheduledExecutorService executor;
    private final FailureLog failures;
    private final Runnable guarded;
    /** Whether a pass asked for by {@link #wake()} is queued and not yet started. */
    private final AtomicBoolean woken = new AtomicBoolean();

    private BackgroundLoop(String threadName, String what, Duration interval, Runnable pass) {
        this.failures = new FailureLog(what + " (thread " + threadName + ")");
        executor = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name(threadName).unstarted(r));
        guarded = () -> {
            try {
                pass.run();
                failures.succeeded();
            } catch (RuntimeException e) {
                failures.failed(e, "it is retried after each interval");
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

    /**
     * Starts running {@code pass} on a daemon thread named {@code threadName}, every {@code interval}
     * after the last ended.
     *
     * @param threadName the thread's name, which names the database: {@code isle-flush-<prefix>}
     * @param what the pass, for the log: {@code "the writer's background flush"}
     */
    public static BackgroundLoop start(String threadName, String what, Duration interval, Runnable pass) {
        return new BackgroundLoop(threadName, what, interval, pass);
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
