package io.lode.isle.engine;

import io.lode.isle.manifest.SstMeta;
import io.lode.sst.SstReader;
import java.util.Arrays;
import java.util.function.Function;

/**
 * One published SST as read views see it: its manifest metadata, and its reader, opened on first
 * use, so a reader opens no table it never needs and a point read loads only the tables whose key
 * range holds the key. Shared by every view the table belongs to.
 */
final class Table {
    private final SstMeta meta;
    private final Function<SstMeta, SstReader> open;
    private volatile SstReader reader;

    Table(SstMeta meta, Function<SstMeta, SstReader> open) {
        this.meta = meta;
        this.open = open;
    }

    SstMeta meta() {
        return meta;
    }

    /** The table's reader, verified against the manifest when it is first opened. */
    SstReader reader() {
        SstReader r = reader;
        if (r == null) {
            synchronized (this) {
                r = reader;
                if (r == null) {
                    r = open.apply(meta);
                    reader = r;
                }
            }
        }
        return r;
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
