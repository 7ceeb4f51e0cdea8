package io.lode.isle.engine;

import io.lode.core.key.EntryKind;
import io.lode.core.memory.UnsignedBytes;
import io.lode.sst.SstIterator;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The newest version of every user key across several tables, in key order: a heap of table
 * iterators ordered by user key and then sequence descending, so the first entry popped for a key is
 * its newest; the older versions are skipped. Tombstones and expired values are entries like any
 * other: what to do with them is the caller's (a scan hides them, a compaction keeps or drops them).
 * Shared by scans ({@link MergeCursor}) and compactions, so both agree on which version wins.
 *
 * <p>The current entry's segments belong to its table's iterator and are valid until the next call
 * of {@link #next()}: copy what must outlive it. Nothing is copied per entry here but the user key
 * (into one reused array, to recognise the key's older versions once the iterator has moved on).
 * {@link io.lode.sst.format.SstCorruptionException} from the tables passes through.
 */
final class NewestVersions {
    /** One table's iterator with its position's user key and sequence, read once per position. */
    private static final class Source {
        final SstIterator it;
        MemorySegment userKey;
        long sequence;

        Source(SstIterator it) {
            this.it = it;
            load();
        }

        void load() {
            userKey = it.userKey();
            sequence = it.sequence();
        }
    }

    private final PriorityQueue<Source> heap = new PriorityQueue<>((a, b) -> {
        int c = UnsignedBytes.compare(a.userKey, b.userKey);
        return c != 0 ? c : Long.compare(b.sequence, a.sequence);
    });
    private Source current;
    private byte[] lastKey = new byte[64];
    private MemorySegment lastKeySegment = MemorySegment.ofArray(lastKey);
    private int lastKeyLength;

    /** @param iterators positioned at the first entry each may contribute; exhausted ones are ignored */
    NewestVersions(List<SstIterator> iterators) {
        for (SstIterator it : iterators) {
            if (it.isValid()) {
                heap.add(new Source(it));
            }
        }
    }

    /** Moves to the next user key's newest entry; false when every table is exhausted. */
    boolean next() {
        if (current != null) {
            skipCurrentKey();
        }
        current = heap.poll();
        return current != null;
    }

    /** Moves every iterator past the current entry's key: its older versions lose. */
    private void skipCurrentKey() {
        rememberKey(current.userKey);
        advancePast(current);
        while (!heap.isEmpty() && isLastKey(heap.peek().userKey)) {
            advancePast(heap.poll());
        }
        current = null;
    }

    private void advancePast(Source s) {
        do {
            s.it.next();
            if (!s.it.isValid()) {
                return;
            }
            s.load();
        } while (isLastKey(s.userKey));
        heap.add(s);
    }

    /** Copies the key being skipped: the iterators' key segments change as they move. */
    private void rememberKey(MemorySegment key) {
        int length = (int) key.byteSize();
        if (length > lastKey.length) {
            lastKey = new byte[Math.max(length, 2 * lastKey.length)];
            lastKeySegment = MemorySegment.ofArray(lastKey);
        }
        MemorySegment.copy(key, 0, lastKeySegment, 0, length);
        lastKeyLength = length;
    }

    private boolean isLastKey(MemorySegment key) {
        return UnsignedBytes.compare(key, 0, key.byteSize(), lastKeySegment, 0, lastKeyLength) == 0;
    }

    /** Drops the remaining entries (a scan past its upper bound). */
    void clear() {
        heap.clear();
        current = null;
    }

    /** The user key and its trailer (sequence and kind), as the table stores it. */
    MemorySegment internalKey() {
        return current.it.key();
    }

    EntryKind kind() {
        return current.it.kind();
    }

    /** The stored value (Isle value header and payload); empty for a tombstone. */
    MemorySegment value() {
        return current.it.value();
    }

    /** The current user key as a new array. */
    byte[] userKeyBytes() {
        return current.userKey.toArray(ValueLayout.JAVA_BYTE);
    }

    /** Whether the current user key is above {@code bound}. */
    boolean isAbove(MemorySegment bound) {
        return UnsignedBytes.compare(current.userKey, bound) > 0;
    }
}
