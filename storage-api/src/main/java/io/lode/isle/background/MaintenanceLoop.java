package io.lode.isle.background;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.time.Duration;

/**
 * The background passes of a maintenance handle (compactor, garbage collector): started by its
 * {@code start()}, stopped by {@code stop()} (waiting for a running pass), and startable again.
 */
public final class MaintenanceLoop {
    private final String threadName;
    private final String what;
    private final Duration interval;
    private final Runnable pass;
    private BackgroundLoop running;

    /**
     * @param what the handle, for the message when the interval is zero ("the compactor")
     */
    public MaintenanceLoop(String threadName, String what, Duration interval, Runnable pass) {
        this.threadName = threadName;
        this.what = what;
        this.interval = interval;
        this.pass = pass;
    }

    /**
     * Starts the passes unless they run already.
     *
     * @throws LodeException {@code INVALID_ARGUMENT} if the interval is zero
     */
    public synchronized void start() {
        if (interval.isZero()) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, what + "'s interval is zero: set one to start background passes");
        }
        if (running == null) {
            running = BackgroundLoop.start(threadName, "a background pass of " + what, interval, pass);
        }
    }

    /** Stops the passes, waiting up to a minute for a running one to end. */
    public void stop() {
        BackgroundLoop r;
        synchronized (this) {
            r = running;
            running = null;
        }
        if (r != null) {
            r.stop(Duration.ofSeconds(60));
        }
    }
}
