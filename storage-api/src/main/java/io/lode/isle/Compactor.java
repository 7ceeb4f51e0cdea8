package io.lode.isle;

import java.time.Duration;

/**
 * The merge compactor of one database (docs/isle-protocol.md, "Compaction"): it claims the
 * compactor role of the manifest log, which never fences the writer or the
 * {@link RetentionCompactor}, and merges level 0 into sorted runs so reads stay fast. Open it with
 * {@link IsleDB#openCompactor(CompactorOptions)}.
 *
 * <p>A newer compactor of the same database fences this one: its calls then fail with
 * {@code FENCED} and its background passes stop for good. Replaced tables stay in the store for
 * readers still using them; each pass ends with a garbage-collection pass
 * ({@link CompactorOptions#gc()}) that deletes them after the grace period.
 */
public interface Compactor extends AutoCloseable {

    /**
     * Reads the latest state and runs one compaction if one is due, then one garbage-collection
     * pass (unless {@link CompactorOptions#gc()} is off).
     *
     * @return whether a compaction was committed (false when none was due, or when it was
     *     abandoned because the retention compactor removed one of its inputs meanwhile); a
     *     garbage-collection pass after it that fails does not fail this call, whose commit stands:
     *     its failure goes to {@link GcListener#failed}, and the next pass resumes where it stopped
     * @throws io.lode.LodeException {@code FENCED} if a newer compactor claimed the role;
     *     {@code CLOSED} after {@link #close()}; {@code IO} if the store kept failing
     */
    boolean runOnce();

    /**
     * Starts background passes every {@link CompactorOptions#interval()}; a pass that fails is
     * retried at the next one, except a fenced one, which stops them.
     *
     * @throws io.lode.LodeException {@code INVALID_ARGUMENT} if the interval is zero
     */
    void start();

    /**
     * The time merges have waited to keep to {@link CompactorOptions#maxBytesPerSecond()} since
     * this compactor opened.
     */
    Duration pacedTime();

    /** Stops background passes, waiting for a running one to end; {@link #start()} may resume them. */
    void stop();

    /** Stops background passes and releases the log; further calls fail with {@code CLOSED}. */
    @Override
    void close();
}
