package io.lode.core.memtable;

import io.lode.core.key.EntryKind;
import io.lode.core.key.InternalKeyTrailer;
import java.lang.foreign.MemorySegment;
import java.util.NoSuchElementException;

/**
 * A forward cursor over a memtable in internal-key order (user key ascending, sequence descending).
 *
 * <p>Not thread-safe itself, but any number of iterators may run while writers insert: an iterator
 * never locks and sees every entry inserted before its last seek, plus possibly later ones, always in
 * order. Key and value views point into the arena and die when the memtable closes. {@link #next()}
 * and the accessors throw {@link NoSuchElementException} unless {@link #isValid()}.
 */
public final class MemtableIterator {
    private final Memtable memtable;
    private long node;

    MemtableIterator(Memtable memtable) {
        this.memtable = memtable;
    }

    /** Positions at the first entry. */
    public void seekToFirst() {
        node = memtable.first();
    }

    /**
     * Positions at the first entry at or after the internal key ({@code userKey}, {@code sequence}):
     * the newest version of {@code userKey} with a sequence number at most {@code sequence} if there
     * is one, else the first entry of the next larger user key.
     */
    public void seekGE(MemorySegment userKey, long sequence) {
        node = memtable.findGreaterOrEqual(userKey, userKey.byteSize(), InternalKeyTrailer.seekTarget(sequence));
    }

    /** Whether the iterator is on an entry. */
    public boolean isValid() {
        return node != 0;
    }

    /** Moves to the next entry. */
    public void next() {
        node = memtable.next(current(), 0);
    }

    /** The current user key (a read-only view into the arena). */
    public MemorySegment userKey() {
        return memtable.userKey(current());
    }

    /**
     * The current internal key: user key followed by its 8-byte little-endian trailer, exactly the
     * bytes an SST stores, so a flush can copy it as is.
     */
    public MemorySegment internalKey() {
        return memtable.internalKey(current());
    }

    /** The current entry's trailer, {@code (sequence << 8) | kind}. */
    public long trailer() {
        return memtable.trailer(current());
    }

    /** The current entry's sequence number. */
    public long sequence() {
        return InternalKeyTrailer.sequence(trailer());
    }

    /** The current entry's kind. */
    public EntryKind kind() {
        return InternalKeyTrailer.kind(trailer());
    }

    /** The current value (a read-only view into the arena; empty for a deletion). */
    public MemorySegment value() {
        return memtable.value(current());
    }

    private long current() {
        if (node == 0) {
            throw new NoSuchElementException("the iterator is not positioned on an entry");
        }
        return node;
    }
}
