package io.lode.isle.engine;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A pass run on one daemon thread at a fixed delay: the background flush, compaction and refresh.
 * A pass that throws is simply run again after the next delay; it must not end the loop, and with a
 * bare {@code scheduleWithFixedDelay} an escaping exception would cancel every later pass unseen.
 * A pass that should stop for good (a fenced writer or compactor) checks that itself.
 */
final class BackgroundLoop {
    private final ScheduledExecutorService executor;

    private BackgroundLoop(String threadName, Duration interval, Runnable pass) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name(threadName).unstarted(r));
        long ms = Math.max(1, interval.toMillis());
        executor.scheduleWithFixedDelay(() -> {
            try {
                pass.run();
            } catch (RuntimeException e) {
                // retried after the next delay; the failure was the pass's to report
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    static BackgroundLoop start(String threadName, Duration interval, Runnable pass) {
        return new BackgroundLoop(threadName, interval, pass);
    }

    /** Stops scheduling and waits up to {@code wait} for a running pass to finish. */
    void stop(Duration wait) {
        executor.shutdown();
        try {
            executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
