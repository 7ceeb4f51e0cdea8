package io.lode.isle;

import java.util.OptionalLong;
import java.util.function.BiConsumer;

/**
 * Streams the keys of an Isle database in ascending order as they are committed: meant for
 * append-only keyspaces such as 8-byte big-endian sequence numbers. Each pass reads one consistent
 * view; across passes, keys are delivered in strictly increasing order, each once, resuming at the
 * true successor of the last key delivered ({@code key + 0x00}), so a key that extends the previous
 * one ({@code a}, {@code a\0}, {@code ab}) is never skipped. A key at or below the last one delivered
 * that is written later is not delivered, nor are deletes. An idle poll costs one read.
 */
public interface TailingReader extends AutoCloseable {
    /** Starts refreshing in the background every {@link TailingOptions#refreshInterval()}. */
    void start();

    /** Stops the background refresh and any running {@link #tail}. */
    void stop();

    /** Reads what was committed since the last refresh. */
    boolean refresh();

    /** Refreshes once, then delivers the matching live keys in order. */
    CatchUpResult catchUp(CatchUpOptions options, BiConsumer<byte[], byte[]> handler);

    /**
     * Delivers keys as they are committed until {@link #stop()} or {@link #close()}, the calling
     * thread is interrupted, or the handler throws (that exception propagates).
     */
    void tail(TailOptions options, BiConsumer<byte[], byte[]> handler);

    OptionalLong maxCommittedLsn();

    OptionalLong lowWatermarkLsn();

    @Override
    void close();
}
