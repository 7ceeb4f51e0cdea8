package io.lode.isle.engine;

import io.lode.isle.manifest.SstMeta;
import io.lode.sst.SstReader;
import java.util.Arrays;
import java.util.function.Function;

/**
 * One published SST as read views see it: its manifest metadata, and its reader, opened ahead of
 * the reads by {@link #prepare} when the reader prepares a view, or else on first use (a table
 * whose preparation failed, and the first view of a reader that downloads whole tables, where a
 * point read then loads only the tables whose key range holds the key). Shared by every view the table belongs to, and closed (its cache handle or
 * downloaded bytes let go) when the last of them is released.
 */
final class Table {
    private static final System.Logger LOG = System.getLogger(Table.class.getName());
    /** An opened table and how to let go of what opening it took (a cache handle, a download). */
    record Opened(SstReader reader, Runnable release) {}

    private final SstMeta meta;
    private final Function<SstMeta, Opened> open;
    private volatile Opened opened;
    /** The views that hold this table and are not released; guarded by the reader that owns it. */
    private int views;
    private boolean closed;

    Table(SstMeta meta, Function<SstMeta, Opened> open) {
        this.meta = meta;
        this.open = open;
    }

    SstMeta meta() {
        return meta;
    }

    /** The table's reader, verified against the manifest when it is first opened. */
    SstReader reader() {
        Opened o = opened;
        if (o == null) {
            synchronized (this) {
                o = opened;
                if (o == null) {
                    if (closed) {
                        throw new IllegalStateException("table " + meta.id() + " was released while a read still used it");
                    }
                    o = open.apply(meta);
                    opened = o;
                }
            }
        }
        return o.reader();
    }

    /**
     * Opens the table ahead of the reads that need it, off their path. A failure is left to the
     * first read that needs the table, which opens it again and reports what it meets.
     */
    void prepare() {
        if (opened != null) {
            return;
        }
        try {
            reader();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "table " + meta.id() + " could not be opened ahead of its reads; "
                    + "the first read that needs it will try again", e);
        }
    }

    /** Whether the table is open. */
    boolean isOpen() {
        return opened != null;
    }

    /** One more view holds the table. Under the owner's lock, which also closes it: a closed table is never retained. */
    void retain() {
        views++;
    }

    /** A view that held the table was released; the last one closes it. Returns whether it closed. Under the owner's lock. */
    boolean releaseView() {
        if (--views > 0) {
            return false;
        }
        synchronized (this) {
            closed = true;
            Opened o = opened;
            opened = null;
            if (o != null) {
                o.release().run();
            }
        }
        return true;
    }

    /** Whether {@code key} lies within the table's key range. */
    boolean covers(byte[] key) {
        return Arrays.compareUnsigned(key, meta.minKey()) >= 0 && Arrays.compareUnsigned(key, meta.maxKey()) <= 0;
    }

    /** Whether the table may hold keys in [from, to] (null bounds are open). */
    boolean overlaps(byte[] from, byte[] to) {
        return (from == null || Arrays.compareUnsigned(meta.maxKey(), from) >= 0)
                && (to == null || Arrays.compareUnsigned(meta.minKey(), to) <= 0);
    }
}
