package io.lode.isle.background;

/**
 * Logs the failures of something that runs again and again (a background pass, a listener it
 * calls) through {@link System.Logger} without flooding the log: the first failure of a kind as a
 * {@code WARNING} with the whole exception, a repetition of the same failure only counted, and the
 * first success after failures (at {@code INFO}) with how many there were. Users route
 * {@code System.Logger} to their logging framework.
 *
 * <p>Thread-safe.
 */
public final class FailureLog {
    private static final System.Logger LOG = System.getLogger(FailureLog.class.getPackageName());

    private final String what;
    /** The last failure logged, as "type: message" without digits, or null while things succeed. */
    private String lastFailure;
    private long failures;

    /**
     * @param what what fails, naming the database: {@code "the writer's background flush (thread isle-flush-db/)"}
     */
    public FailureLog(String what) {
        this.what = what;
    }

    /** Logs {@code e} unless the last failure was the same one. */
    public synchronized void failed(Throwable e, String consequence) {
        failures++;
        // The same failure on a later pass names the next table or sequence number: numbers do not count.
        String failure = e.getClass().getName() + ": " + String.valueOf(e.getMessage()).replaceAll("[0-9]+", "#");
        if (!failure.equals(lastFailure)) {
            lastFailure = failure;
            LOG.log(System.Logger.Level.WARNING, what + " failed (" + consequence + "; the same failure is logged once): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Runs a call whose failure must not spread, such as a listener's: what it throws is logged
     * here and not thrown, so observing a pass can never fail it.
     */
    public void guard(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            failed(e, "ignored: it cannot fail what it observes");
        }
    }

    /** Logs a recovery, if there were failures since the last success. */
    public synchronized void succeeded() {
        if (failures > 0) {
            LOG.log(System.Logger.Level.INFO, "{0} succeeded again after {1} failures", what, failures);
            failures = 0;
            lastFailure = null;
        }
    }
}
