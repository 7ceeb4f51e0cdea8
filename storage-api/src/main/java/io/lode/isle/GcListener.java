package io.lode.isle;

/**
 * Told what each garbage-collection pass did (for metrics and logs), whether it runs in a
 * {@link GarbageCollector} or at the end of a {@link Compactor}'s or {@link RetentionCompactor}'s
 * pass. Called on the collecting thread, so it should be quick; an exception it throws is ignored,
 * so observing a pass can never fail it.
 */
@FunctionalInterface
public interface GcListener {
    /** A listener that ignores everything. */
    GcListener NONE = report -> {};

    /** A pass ended; told of every pass that ran, including those that did nothing. */
    void collected(GcReport report);
}
