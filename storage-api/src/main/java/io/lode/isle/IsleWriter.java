package io.lode.isle;

import java.lang.foreign.MemorySegment;
import java.time.Duration;

/**
 * The one writer of an Isle database: puts and deletes go to a memtable, and a flush makes them
 * durable and visible to readers (one SST object and one manifest log entry per memtable). Opening a
 * writer fences the previous one: its later flushes fail with {@code FENCED} and what it had not
 * flushed never becomes visible. Thread-safe.
 */
public interface IsleWriter extends AutoCloseable {
    /** Sets {@code key} to {@code value}. */
    void put(byte[] key, byte[] value);

    /** Sets {@code key} to {@code value} until {@code ttl} from now; after that it reads as deleted. */
    void put(byte[] key, byte[] value, Duration ttl);

    /** Deletes {@code key}. */
    void delete(byte[] key);

    /** Sets {@code key} to {@code value}, read from the segments (heap or native) during the call. */
    void put(MemorySegment key, MemorySegment value);

    /** Sets {@code key} to {@code value} until {@code ttl} from now. */
    void put(MemorySegment key, MemorySegment value, Duration ttl);

    /** Deletes {@code key}. */
    void delete(MemorySegment key);

    /** Makes everything written so far durable and visible; returns what it committed. */
    CommitInfo flush();

    /** Flushes and releases the writer. */
    @Override
    void close();
}
