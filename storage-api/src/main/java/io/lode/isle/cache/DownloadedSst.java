package io.lode.isle.cache;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.isle.manifest.DatabaseLayout;
import io.lode.isle.manifest.SstChecksum;
import io.lode.isle.manifest.SstMeta;
import io.lode.spi.ObjectStore;
import io.lode.sst.SstReader;
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
        String key = layout.sstKey(meta.id());
        MemorySegment bytes = store.get(key).segment();
        if (bytes.byteSize() != meta.size() || !SstChecksum.matches(meta.checksum(), bytes)) {
            throw new LodeException(ErrorCode.CHECKSUM_MISMATCH, key + " (" + bytes.byteSize()
                    + " bytes) does not match the size and checksum the manifest recorded (" + meta.size() + " bytes, "
                    + meta.checksum() + ")");
        }
        try {
            return SstReader.open(key, bytes);
        } catch (SstCorruptionException e) {
            throw SstFailures.toLode(e);
        }
    }
}
