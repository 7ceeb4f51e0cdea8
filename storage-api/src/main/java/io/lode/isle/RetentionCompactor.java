package io.lode.isle;

/**
 * The retention compactor of one database (docs/isle-protocol.md, "Retention"): it removes the
 * oldest tables by the rule of its {@link RetentionOptions}, so a database of appends stays bounded
 * in size. Open it with {@link IsleDB#openRetentionCompactor(RetentionOptions)}.
 *
 * <p>It claims the {@code retention} role of the manifest log, which fences only an earlier
 * retention compactor: the writer and the merge compactor commit beside it and are never fenced by
 * it, nor it by them. A pass commits one {@code remove_sstables} entry naming tables present at its
 * position, and raises the database's low watermark LSN to the lowest LSN still held. Removed tables
 * disappear with all their entries: a key whose only versions were in them is gone, a key with an
 * older version elsewhere reads as that version. As retention removes the oldest tables, that is
 * normally nothing newer. The removed objects stay in the store until the garbage-collection pass
 * each retention pass ends with ({@link RetentionOptions#gc()}, on by default, like a
 * {@link Compactor}'s) deletes them, a grace period later for readers still holding them.
 */
public interface RetentionCompactor extends AutoCloseable {

    /**
     * Reads the latest state and removes the tables the rule selects now, with one log entry; then
     * runs a garbage-collection pass unless {@link RetentionOptions#gc()} is off.
     *
     * @return what was removed (empty when nothing was due); after a pass that failed with its
     *     removal in doubt, what that removal took if it landed after all
     * @throws io.lode.LodeException {@code FENCED} if a newer retention compactor claimed the role;
     *     {@code CLOSED} after {@link #close()}; {@code IO} if the store kept failing
     *     (a failed garbage-collection pass after the removal is not thrown: it goes to
     *     {@link GcListener#failed}, and the next pass resumes where it stopped)
     */
    RetentionResult runOnce();

    /**
     * Starts background passes every {@link RetentionOptions#interval()}; a pass that fails is
     * reported to the listener and retried at the next one, except a fenced one, which stops them.
     *
     * @throws io.lode.LodeException {@code INVALID_ARGUMENT} if the interval is zero; {@code FENCED}
     *     or {@code CLOSED} if it can no longer run
     */
    void start();

    /** Stops background passes, waiting for a running one to end; {@link #start()} may resume them. */
    void stop();

    /**
     * Whether this retention compactor learned, at its last pass, that a newer one claimed the role
     * (it can then no longer commit).
     */
    boolean isFenced();

    /** Stops background passes and releases the log; further calls fail with {@code CLOSED}. */
    @Override
    void close();
}
