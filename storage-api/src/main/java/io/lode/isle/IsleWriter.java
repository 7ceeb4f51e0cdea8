package io.lode.isle;

import java.lang.foreign.MemorySegment;
import java.time.Duration;

/**
 * The one writer of an Isle database: puts and deletes go to a memtable, and a flush makes them
 * durable and visible to readers (one SST object and one manifest log entry per memtable). Opening a
 * writer fences the previous one: its later flushes fail with {@code FENCED} and what it had not
 * flushed never becomes visible. Thread-safe.
 *
 * <p>Every put and delete returns its <em>sequence number</em>; they increase in the order the
 * writes took effect. A write is acknowledged, durable, once {@link #committedSequence()} reaches its
 * number: wait for that with {@link #awaitCommitted}, or call {@link #flush()}.
 *
 * <p>Only {@code FENCED} (a newer writer took over) and {@code CLOSED} end a writer. A flush that
 * fails for any other reason (the store is unreachable, slow, or denies access for a while) keeps
 * every uncommitted entry, and the next flush, or the background flusher, commits them; a flush
 * whose outcome was lost is settled before anything else is committed, so no entry is committed
 * twice or lost.
 */
public interface IsleWriter extends AutoCloseable {
    /** Sets {@code key} to {@code value}; returns the write's sequence number. */
    long put(byte[] key, byte[] value);

    /** Sets {@code key} to {@code value} until {@code ttl} from now; after that it reads as deleted. Returns the sequence number. */
    long put(byte[] key, byte[] value, Duration ttl);

    /** Deletes {@code key}; returns the sequence number. */
    long delete(byte[] key);

    /** Sets {@code key} to {@code value}, read from the segments (heap or native) during the call; returns the sequence number. */
    long put(MemorySegment key, MemorySegment value);

    /** Sets {@code key} to {@code value} until {@code ttl} from now; returns the sequence number. */
    long put(MemorySegment key, MemorySegment value, Duration ttl);

    /** Deletes {@code key}; returns the sequence number. */
    long delete(MemorySegment key);

    /**
     * Makes everything written so far durable and visible; returns what it committed.
     *
     * @throws io.lode.LodeException {@code FENCED} or {@code CLOSED}, which end the writer; any
     *     storage failure, after which every uncommitted entry is kept for the next flush
     */
    CommitInfo flush();

    /**
     * The highest sequence number below which every write is durable: every write with a number
     * at or below it survives a crash of this process and is visible to new readers.
     */
    long committedSequence();

    /**
     * Waits until the write numbered {@code sequence} (and so every earlier one) is durable, for at
     * most {@code timeout}. Asks for a flush rather than waiting for the next interval: it wakes the
     * background flusher, or, without one, flushes on the calling thread, retrying storage failures
     * until the timeout.
     *
     * @return true once it is durable, false if the timeout passed first
     * @throws io.lode.LodeException {@code FENCED} or {@code CLOSED} if the writer ended before the
     *     write became durable; {@code INVALID_ARGUMENT} for a number this writer never returned
     */
    boolean awaitCommitted(long sequence, Duration timeout);

    /**
     * The total time writes have spent waiting for a flush because every memtable was full
     * ({@link WriterOptions#stallTimeout()}), since the writer opened: a write rate above what the
     * store absorbs shows here first.
     */
    Duration stalledTime();

    /**
     * Flushes and releases the writer. A storage failure of the last flush is retried a few times;
     * if the store still fails, the writer is released anyway and the failure is thrown as an
     * {@link UncommittedWritesException} naming the sequence numbers that were not committed.
     */
    @Override
    void close();
}
