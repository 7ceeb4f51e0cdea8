package io.lode.sst.block;

import io.lode.sst.format.GrowableBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Builds one block: entries with shared-prefix key compression, a full key every
 * {@code restartInterval} entries or {@value #RESTART_BYTES} bytes of entries, whichever comes first
 * (a restart point), then the restart offsets and their count as little-endian uint32s.
 *
 * <pre>
 * entry:  shared varint32 | unshared varint32 | value length varint32 | key[shared..] | value
 * tail:   restart[0] u32 ... restart[n-1] u32 | n u32
 * </pre>
 *
 * Keys must be added in order; the caller checks the order.
 */
public final class BlockBuilder {
    /**
     * A restart point at least this often, in bytes of entries: a seek binary-searches the restart
     * points, then decodes entry after entry, so with entries of a kilobyte (YCSB's records) 16 of
     * them between restarts made a get decode 8 on average: the block seek was a quarter of a read
     * (JFR of YCSB B, docs/BENCHMARKS.md). Not less: every restart point of a block the cache keeps
     * is decoded once, at its miss, and at 1 KiB that took a third of a cold reader's time on
     * 100-byte values. Any restart layout is valid for every reader.
     */
    public static final int RESTART_BYTES = 2048;

    private final int restartInterval;
    private int restartStart;
    private GrowableBuffer buffer;
    private int[] restarts = new int[16];
    private int restartCount;
    private int sinceRestart;
    private int entries;
    private byte[] lastKey = new byte[64];
    private int lastKeyLength;
    private boolean finished;

    public BlockBuilder(int restartInterval, int initialCapacity) {
        if (restartInterval < 1) {
            throw new IllegalArgumentException("restart interval must be at least 1, got " + restartInterval);
        }
        this.restartInterval = restartInterval;
        this.buffer = new GrowableBuffer(initialCapacity);
        clear();
    }

    /** Forgets all entries. */
    public void clear() {
        buffer.clear();
        restartStart = 0;
        restartCount = 0;
        sinceRestart = 0;
        entries = 0;
        lastKeyLength = 0;
        finished = false;
    }

    /** Adds an entry whose key is a segment (meta blocks: few, small entries). */
    public void add(MemorySegment key, MemorySegment value) {
        byte[] bytes = key.toArray(ValueLayout.JAVA_BYTE);
        add(bytes, bytes.length, value, 0, value.byteSize());
    }

    /**
     * Adds an entry whose key is {@code key[0, keyLength)}. Keys are arrays because the writer builds
     * them in arrays, and array mismatch and copy cost much less per call than the segment versions on
     * keys of a few dozen bytes (measured with JFR on the build benchmark).
     */
    public void add(byte[] key, int keyLength, MemorySegment value, long valueOffset, long valueLength) {
        if (finished) {
            throw new IllegalStateException("block already finished");
        }
        int shared = 0;
        if (sinceRestart < restartInterval && entries > 0 && buffer.size() - restartStart < RESTART_BYTES) {
            int mismatch = Arrays.mismatch(lastKey, 0, lastKeyLength, key, 0, keyLength);
            shared = mismatch < 0 ? keyLength : mismatch;
        } else {
            if (restartCount == restarts.length) {
                restarts = Arrays.copyOf(restarts, restartCount * 2);
            }
            restarts[restartCount++] = buffer.size();
            restartStart = buffer.size();
            sinceRestart = 0;
        }
        int unshared = keyLength - shared;
        buffer.putVarint(shared);
        buffer.putVarint(unshared);
        buffer.putVarint(valueLength);
        buffer.put(key, shared, unshared);
        buffer.put(value, valueOffset, valueLength);
        if (keyLength > lastKey.length) {
            lastKey = Arrays.copyOf(lastKey, Math.max(keyLength, lastKey.length * 2));
        }
        System.arraycopy(key, shared, lastKey, shared, unshared);
        lastKeyLength = keyLength;
        sinceRestart++;
        entries++;
    }

    /** The size of the block if it were finished now. */
    public int estimatedSize() {
        return buffer.size() + 4 * Math.max(1, restartCount) + 4;
    }

    public int entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries == 0;
    }

    /**
     * Appends the restart array and returns the finished block, valid until {@link #clear}. The buffer
     * keeps one spare byte after the block for the trailer's type byte (see {@link BlockTrailer}).
     */
    public GrowableBuffer finish() {
        if (restartCount == 0) {
            restarts[restartCount++] = 0; // an empty block still has one restart, as RocksDB writes it
        }
        for (int i = 0; i < restartCount; i++) {
            buffer.putFixed32(restarts[i]);
        }
        buffer.putFixed32(restartCount);
        buffer.ensureRoom(1);
        finished = true;
        return buffer;
    }

    /**
     * Finishes the block and hands its buffer out, going on in {@code replacement} (cleared): the
     * finished block changes hands without a copy and stays valid while the next one is built.
     */
    public GrowableBuffer finishAndSwap(GrowableBuffer replacement) {
        GrowableBuffer done = finish();
        buffer = replacement;
        clear();
        return done;
    }
}
