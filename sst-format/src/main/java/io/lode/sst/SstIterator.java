package io.lode.sst;

import io.lode.core.key.EntryKind;
import io.lode.core.memory.Layouts;
import io.lode.sst.block.BlockCursor;
import io.lode.sst.format.InternalKey;
import io.lode.sst.format.SstCorruptionException;
import java.lang.foreign.MemorySegment;

/**
 * Walks a table's entries in internal-key order: every version of every key, tombstones included.
 * Keys are views of the iterator's buffer and values are slices of the block; both stay valid until
 * the iterator moves. Not thread-safe.
 */
public final class SstIterator {
    private final SstReader reader;
    private final BlockCursor cursor = new BlockCursor();
    private int block = -1;
    private boolean valid;

    SstIterator(SstReader reader) {
        this.reader = reader;
    }

    /** Positions at the table's first entry. */
    public void seekToFirst() {
        moveToBlock(0);
        if (valid) {
            cursor.seekToFirst();
            skipEmptyBlocks();
        }
    }

    /** Positions at the newest version of the first user key at or after {@code userKey}. */
    public void seekGE(MemorySegment userKey) {
        seekGE(userKey, InternalKey.MAX_SEQUENCE);
    }

    /**
     * Positions at the first entry at or after {@code (userKey, maxSequence)} in internal-key order:
     * the newest version of {@code userKey} not newer than {@code maxSequence}, or else the next key.
     */
    public void seekGE(MemorySegment userKey, long maxSequence) {
        seek(SstReader.seekTarget(userKey, maxSequence));
    }

    /** Positions at the first entry whose internal key is at or after {@code internalKey}. */
    public void seekInternal(MemorySegment internalKey) {
        InternalKey.userKeyLength(internalKey);
        seek(internalKey.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
    }

    private void seek(byte[] target) {
        moveToBlock(reader.indexLowerBound(target));
        if (valid) {
            cursor.seekGE(target);
            skipEmptyBlocks();
        }
    }

    public boolean isValid() {
        return valid;
    }

    /** Moves to the next entry. */
    public void next() {
        if (!valid) {
            throw new IllegalStateException("iterator is not positioned on an entry");
        }
        cursor.next();
        skipEmptyBlocks();
    }

    private void moveToBlock(int i) {
        block = i;
        valid = i < reader.blockCount();
        if (valid) {
            cursor.reset(reader.dataBlock(i));
        }
    }

    /** Past the end of a block, continues at the first entry of the next. */
    private void skipEmptyBlocks() {
        while (!cursor.isValid()) {
            moveToBlock(block + 1);
            if (!valid) {
                return;
            }
            cursor.seekToFirst();
        }
        valid = true;
    }

    private void checkValid() {
        if (!valid) {
            throw new IllegalStateException("iterator is not positioned on an entry");
        }
    }

    /** The current internal key (user key + trailer). */
    public MemorySegment key() {
        checkValid();
        return cursor.key();
    }

    /** The user key part of the current key. */
    public MemorySegment userKey() {
        checkValid();
        return cursor.keyBuffer().asSlice(0, cursor.keyLength() - InternalKey.TRAILER_BYTES);
    }

    public long sequence() {
        return trailer() >>> 8;
    }

    public EntryKind kind() {
        return reader.kindOf(trailer(), block);
    }

    /** The current value (empty for a tombstone): a slice of the block, no copy. */
    public MemorySegment value() {
        checkValid();
        return cursor.value();
    }

    private long trailer() {
        checkValid();
        int length = cursor.keyLength();
        if (length < InternalKey.TRAILER_BYTES) {
            throw reader.corruption(SstCorruptionException.Kind.CORRUPTION, reader.blockOffset(block),
                    "data block key of " + length + " bytes has no trailer");
        }
        return cursor.keyBuffer().get(Layouts.U64_LE, length - InternalKey.TRAILER_BYTES);
    }
}
