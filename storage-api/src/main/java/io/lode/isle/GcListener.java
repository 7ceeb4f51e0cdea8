package io.lode.isle;

/**
 * Told what each garbage-collection pass did (for metrics and logs), whether it runs in a
 * {@link GarbageCollector} or at the end of a {@link Compactor}'s or {@link RetentionCompactor}'s
 * pass. Called on the collecting thread, so it should be quick; an exception it throws is logged and
 * otherwise ignored, so observing a pass can never fail it.
 */
@FunctionalInterface
public interface GcListener {
    /** A listener that ignores everything. */
    GcListener NONE = report -> {};

    /** A pass ended; told of every pass that ran, including those that did nothing. */
    void collected(GcReport report);

    /**
     * A pass failed (typically the store kept failing: {@code IO}, retryable); what it did before
     * stays done and the next pass starts again from the last checkpoint. A {@link GarbageCollector}
     * also throws the failure; a pass at the end of a {@link Compactor}'s or
     * {@link RetentionCompactor}'s pass does not, since their own commit stands, so this is where
     * such a failure shows.
     */
    default void failed(RuntimeException failure) {}
}
