package io.lode.isle.engine;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.core.key.EntryKind;
import io.lode.core.memory.UnsignedBytes;
import io.lode.isle.Cursor;
import io.lode.isle.cache.SstFailures;
import io.lode.isle.value.StoredValue;
import io.lode.sst.SstCorruptionException;
import io.lode.sst.SstIterator;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * A scan over several tables: a heap of table iterators ordered by key and then newest first, so
 * the first entry popped for a key is its newest version; older versions are skipped, and
 * tombstones and expired values hidden.
 */
final class MergeCursor implements Cursor {
    private static final Comparator<SstIterator> ORDER = (a, b) -> {
        int c = UnsignedBytes.compare(a.userKey(), b.userKey());
        return c != 0 ? c : Long.compare(b.sequence(), a.sequence());
    };

    private final PriorityQueue<SstIterator> heap = new PriorityQueue<>(ORDER);
    private final byte[] to;
    private final long nowMillis;
    private final Function<StoredValue, byte[]> resolve;
    private byte[] key;
    private byte[] value;
    private boolean closed;

    /**
     * @param tables the tables that may hold keys of the range
     * @param from the first key, or null
     * @param to the last key, or null
     * @param nowMillis the clock expiry is judged by, fixed for the whole scan
     * @param resolve turns a live stored value into the value's bytes (fetching blobs)
     */
    MergeCursor(List<Table> tables, byte[] from, byte[] to, long nowMillis, Function<StoredValue, byte[]> resolve) {
        this.to = to;
        this.nowMillis = nowMillis;
        this.resolve = resolve;
        try {
            for (Table t : tables) {
                SstIterator it = t.reader().iterator();
                if (from == null) {
                    it.seekToFirst();
                } else {
                    it.seekGE(MemorySegment.ofArray(from));
                }
                if (it.isValid()) {
                    heap.add(it);
                }
            }
        } catch (SstCorruptionException e) {
            throw SstFailures.toLode(e);
        }
    }

    @Override
    public boolean next() {
        if (closed) {
            throw new LodeException(ErrorCode.CLOSED, "this cursor is closed");
        }
        try {
            while (!heap.isEmpty()) {
                SstIterator top = heap.poll();
                byte[] k = top.userKey().toArray(ValueLayout.JAVA_BYTE);
                if (to != null && Arrays.compareUnsigned(k, to) > 0) {
                    heap.clear(); // every other iterator is at this key or beyond
                    break;
                }
                // Decode and copy the value before the iterators move on: the segment is theirs.
                byte[] live = null;
                if (top.kind() != EntryKind.DELETE) {
                    StoredValue v = StoredValue.decode(top.value(), "a scanned value");
                    if (!v.isDeadAt(nowMillis)) {
                        live = resolve.apply(v);
                    }
                }
                MemorySegment ks = MemorySegment.ofArray(k);
                skipKey(top, ks);
                while (!heap.isEmpty() && UnsignedBytes.compare(heap.peek().userKey(), ks) == 0) {
                    skipKey(heap.poll(), ks);
                }
                if (live == null) {
                    continue; // deleted or expired: it hides older versions, and is not shown
                }
                key = k;
                value = live;
                return true;
            }
        } catch (SstCorruptionException e) {
            throw SstFailures.toLode(e);
        }
        key = null;
        value = null;
        return false;
    }

    /** Moves {@code it} past every version of {@code k} and puts it back if it has more. */
    private void skipKey(SstIterator it, MemorySegment ks) {
        do {
            it.next();
        } while (it.isValid() && UnsignedBytes.compare(it.userKey(), ks) == 0);
        if (it.isValid()) {
            heap.add(it);
        }
    }

    @Override
    public byte[] key() {
        return current(key).clone();
    }

    @Override
    public byte[] value() {
        return current(value).clone();
    }

    @Override
    public MemorySegment keySegment() {
        return MemorySegment.ofArray(current(key)).asReadOnly();
    }

    @Override
    public MemorySegment valueSegment() {
        return MemorySegment.ofArray(current(value)).asReadOnly();
    }

    private static byte[] current(byte[] b) {
        if (b == null) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "the cursor is not on an entry: call next() first, and only while it returns true");
        }
        return b;
    }

    @Override
    public void close() {
        closed = true;
        heap.clear();
    }
}
