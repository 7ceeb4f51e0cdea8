package io.lode.isle.cache;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.isle.manifest.DatabaseLayout;
import io.lode.isle.manifest.SstChecksum;
import io.lode.isle.manifest.SstMeta;
import io.lode.spi.ObjectStore;
import io.lode.sst.BlockCache;
import io.lode.sst.SstReader;
import io.lode.sst.SstSource;
import io.lode.sst.format.SstCorruptionException;
import java.lang.foreign.MemorySegment;

/**
 * Opens a published SST by downloading the whole object and checking it against the size and
 * checksum the manifest recorded, so a damaged or substituted object is never read (or merged).
 */
public final class DownloadedSst {
    private DownloadedSst() {}

    /**
     * @throws LodeException {@code CHECKSUM_MISMATCH} if the object is not the table the manifest describes
     */
    public static SstReader open(ObjectStore store, DatabaseLayout layout, SstMeta meta) {
        return open(store, layout, meta, BlockCache.NONE, 0);
    }

    /**
     * Downloads and opens a table whose decompressed blocks are kept in {@code blocks} under
     * {@code tableId} (unique per table in that cache).
     *
     * @throws LodeException {@code CHECKSUM_MISMATCH} if the object is not the table the manifest describes
     */
    public static SstReader open(ObjectStore store, DatabaseLayout layout, SstMeta meta, BlockCache blocks, long tableId) {
        String key = layout.sstKey(meta.id());
        MemorySegment bytes = store.get(key).segment();
        if (bytes.byteSize() != meta.size() || !SstChecksum.matches(meta.checksum(), bytes)) {
            throw new LodeException(ErrorCode.CHECKSUM_MISMATCH, key + " (" + bytes.byteSize()
                    + " bytes) does not match the size and checksum the manifest recorded (" + meta.size() + " bytes, "
                    + meta.checksum() + ")");
        }
        try {
            return SstReader.open(SstSource.of(key, bytes), blocks, tableId);
        } catch (SstCorruptionException e) {
            throw SstFailures.toLode(e);
        }
    }
}
