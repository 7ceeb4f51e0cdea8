package io.lode.isle;

/**
 * Told what a {@link RetentionCompactor} does (for metrics and logs). Called on the retention
 * compactor's thread, so it should be quick; an exception it throws is logged and otherwise
 * ignored, so observing a pass can never fail it.
 */
public interface RetentionListener {
    /** A listener that ignores everything. */
    RetentionListener NONE = new RetentionListener() {};

    /** A pass removed tables (not called for passes that removed nothing). */
    default void removed(RetentionResult result) {}

    /**
     * A background pass failed; the next one retries, unless the failure is {@code FENCED}, which
     * stops background passes for good.
     */
    default void failed(Throwable failure) {}
}
