package io.lode.isle.engine;

import io.lode.isle.manifest.SstMeta;
import io.lode.sst.SstReader;
import java.util.Arrays;

/**
 * One published SST as a read view sees it: its manifest metadata and its opened reader.
 *
 * @param meta what the manifest says of it
 * @param reader the table, verified against {@code meta.checksum()} when it was loaded
 */
record Table(SstMeta meta, SstReader reader) {
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
