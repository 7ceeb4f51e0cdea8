package io.lode.isle;

/**
 * Garbage collection of one database run on its own (docs/isle-protocol.md, "Garbage
 * collection"); a {@link Compactor} and a {@link RetentionCompactor} run the same passes after
 * their own unless their options turn them off. Open it with {@link IsleDB#openGarbageCollector(GcOptions)}.
 *
 * <p>A pass follows the manifest log from where the last pass (of any process) stopped, marks the
 * tables that entries removed, deletes marked tables and blobs once the grace period has passed
 * and nothing live refers to them, and deletes log entries and snapshots that a snapshot older than
 * the grace period covers. It commits nothing to the log, so it fences no one and any number of
 * collectors may run at once.
 */
public interface GarbageCollector extends AutoCloseable {

    /**
     * Runs one pass.
     *
     * @throws io.lode.LodeException {@code CLOSED} after {@link #close()}; {@code IO} if the store
     *     kept failing (the next pass resumes from the last stored checkpoint)
     */
    GcReport runOnce();

    /**
     * Starts background passes every {@link GcOptions#interval()}; a failed pass is retried at the next.
     *
     * @throws io.lode.LodeException {@code INVALID_ARGUMENT} if the interval is zero
     */
    void start();

    /** Stops background passes, waiting for a running one to end. */
    void stop();

    /** Stops background passes; further calls fail with {@code CLOSED}. */
    @Override
    void close();
}
