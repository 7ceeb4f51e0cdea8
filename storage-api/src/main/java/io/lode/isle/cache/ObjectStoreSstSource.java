package io.lode.isle.cache;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.internal.Require;
import io.lode.spi.ObjectStore;
import io.lode.sst.BlockCache;
import io.lode.sst.SstReader;
import io.lode.sst.SstSource;
import io.lode.sst.format.SstCorruptionException;
import java.lang.foreign.MemorySegment;

/**
 * An SST read in place from the object store, one ranged GET per block (range-read mode): no local
 * file, so pair it with an {@link OffHeapBlockCache} to keep hot blocks. The size comes from the
 * manifest ({@code SstMeta.size()}), so opening costs no HEAD request.
 */
public final class ObjectStoreSstSource implements SstSource {
    private final ObjectStore store;
    private final String objectKey;
    private final long size;

    /**
     * @param store the store holding the SST
     * @param objectKey the SST's object key
     * @param size the object's size, as the manifest records it
     */
    public ObjectStoreSstSource(ObjectStore store, String objectKey, long size) {
        this.store = Require.nonNull(store, "store");
        this.objectKey = Require.nonNull(objectKey, "objectKey");
        Require.argument(size >= 0, "the size of SST " + objectKey + " must not be negative, got " + size);
        this.size = size;
    }

    /**
     * Opens a reader over this source whose verified blocks are kept in {@code cache} under
     * {@code tableId} (unique per SST, non-negative).
     *
     * @throws LodeException {@code CORRUPTION} or {@code CHECKSUM_MISMATCH} if the table's
     *     footer, index, filter or properties are damaged, and the store's own errors
     */
    public SstReader openReader(BlockCache cache, long tableId) {
        try {
            return SstReader.open(this, cache, tableId);
        } catch (SstCorruptionException e) {
            throw SstFailures.toLode(e);
        }
    }

    @Override
    public String name() {
        return objectKey;
    }

    @Override
    public long size() {
        return size;
    }

    /**
     * One ranged GET.
     *
     * @throws LodeException {@code CORRUPTION} if the object is shorter than the manifest records
     */
    @Override
    public MemorySegment read(long offset, long length) {
        MemorySegment bytes = store.getRange(objectKey, offset, length).segment();
        if (bytes.byteSize() != length) {
            throw new LodeException(ErrorCode.CORRUPTION, "SST object " + objectKey + " is shorter than the " + size
                    + " bytes its manifest records: reading " + length + " bytes at offset " + offset + " returned "
                    + bytes.byteSize());
        }
        return bytes;
    }

    @Override
    public boolean isResident() {
        return false;
    }
}
