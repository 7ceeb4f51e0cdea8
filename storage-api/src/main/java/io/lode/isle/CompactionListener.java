package io.lode.isle;

import java.util.List;

/**
 * Told when a {@link Compactor} starts and ends a compaction, and when a background pass fails (for
 * metrics and alerts). Called on the compacting thread, so it should be quick; an exception it
 * throws is logged and otherwise ignored, so observing a compaction can never fail it.
 */
public interface CompactionListener {
    /** A listener that ignores everything. */
    CompactionListener NONE = new CompactionListener() {};

    /** The inputs are chosen; nothing is read yet. */
    default void started(CompactionJob job) {}

    /**
     * The compaction ended.
     *
     * @param outputSstIds the tables it committed (empty if everything merged was deleted, or on failure)
     * @param failure why it failed, or null if it was committed
     */
    default void ended(CompactionJob job, List<String> outputSstIds, Throwable failure) {}

    /**
     * The compaction was not committed, because the retention compactor removed some of its input
     * tables while it merged them: committing it would bring their data back. Its outputs were
     * uploaded but belong to no state (the garbage collector's orphan scan reclaims them). Each
     * {@link #started} is followed by exactly one of {@link #ended} and this.
     *
     * @param removedInputIds the inputs that were removed
     */
    default void abandoned(CompactionJob job, List<String> removedInputIds) {}

    /**
     * A background pass failed, at any step (reading the manifest, merging, committing); a failed
     * job was also told to {@link #ended}. The next pass retries, unless the failure is
     * {@code FENCED}, which stops background passes for good. The failure is logged as well.
     */
    default void failed(Throwable failure) {}
}
