package io.lode.isle.engine;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.core.key.EntryKind;
import io.lode.isle.Cursor;
import io.lode.isle.cache.SstFailures;
import io.lode.isle.value.StoredValue;
import io.lode.sst.SstIterator;
import io.lode.sst.format.SstCorruptionException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A scan over several tables: a heap of table iterators ordered by key and then newest first, so
 * the first entry popped for a key is its newest version; older versions are skipped, and
 * tombstones and expired values hidden.
 */
final class MergeCursor implements Cursor {
    private final NewestVersions versions;
    /** The last key of the range, or null. */
    private final MemorySegment to;
    private final long nowMillis;
    private final Function<StoredValue, byte[]> resolve;
    private byte[] key;
    private byte[] value;
    private boolean closed;
    private final Runnable onClose;

    /**
     * @param tables the tables that may hold keys of the range
     * @param from the first key, or null
     * @param to the last key, or null
     * @param nowMillis the clock expiry is judged by, fixed for the whole scan
     * @param resolve turns a live stored value into the value's bytes (fetching blobs)
     * @param onClose runs once when the cursor is closed: the reader unpins the view the cursor
     *     reads (a constructor that throws does not run it; its caller unpins)
     */
    MergeCursor(List<Table> tables, byte[] from, byte[] to, long nowMillis, Function<StoredValue, byte[]> resolve,
            Runnable onClose) {
        this.onClose = onClose;
        this.to = to == null ? null : MemorySegment.ofArray(to);
        this.nowMillis = nowMillis;
        this.resolve = resolve;
        try {
            List<SstIterator> iterators = new ArrayList<>(tables.size());
            for (Table t : tables) {
                SstIterator it = t.reader().iterator();
                if (from == null) {
                    it.seekToFirst();
                } else {
                    it.seekGE(MemorySegment.ofArray(from));
                }
                iterators.add(it);
            }
            versions = new NewestVersions(iterators);
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
            while (versions.next()) {
                if (to != null && versions.isAbove(to)) {
                    versions.clear(); // every other table is at this key or beyond
                    break;
                }
                if (versions.kind() == EntryKind.DELETE) {
                    continue; // it hides older versions, and is not shown
                }
                // Decode and copy the value before the tables move on: the segment is theirs.
                StoredValue v = StoredValue.decode(versions.value(), "a scanned value");
                if (v.isDeadAt(nowMillis)) {
                    continue;
                }
                key = versions.userKeyBytes();
                value = resolve.apply(v);
                return true;
            }
        } catch (SstCorruptionException e) {
            throw SstFailures.toLode(e);
        }
        key = null;
        value = null;
        return false;
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
        if (closed) {
            return;
        }
        closed = true;
        versions.clear();
        onClose.run();
    }
}
