package io.lode.isle.cache;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.internal.Require;
import io.lode.spi.ObjectRanges;
import io.lode.spi.ObjectStore;
import io.lode.sst.BlockCache;
import io.lode.sst.SstReader;
import io.lode.sst.SstSource;
import io.lode.sst.format.SstCorruptionException;
import java.lang.foreign.MemorySegment;

/**
 * An SST read in place from the object store, one ranged read per block (range-read mode): no local
 * file, so pair it with an {@link OffHeapBlockCache} to keep hot blocks. The object is held open
 * ({@link ObjectStore#openRanges}) until {@link #close}. The size comes from the manifest
 * ({@code SstMeta.size()}), so opening costs no HEAD request.
 *
 * <p>Opening a reader fetches the table's tail in one request: the footer, metaindex, properties,
 * index and filter a reader decodes when it opens all lie at the end of a table, so one round trip
 * serves them instead of five (a meta block that lies before the tail costs its own request). The
 * tail is {@link #tailBytes} long and is let go once the reader is open.
 */
public final class ObjectStoreSstSource implements SstSource, AutoCloseable {
    /** The least tail fetched when a reader opens. */
    static final long MIN_TAIL_BYTES = 64 << 10;
    /**
     * The tail as a fraction of the table: the index and filter of a table of 100-byte entries in
     * 4 KiB blocks take about 2 % of it.
     */
    static final int TAIL_FRACTION = 32;

    private final String objectKey;
    private final long size;
    private final ObjectRanges ranges;
    /** The tail while a reader opens, else null. */
    private volatile MemorySegment tail;

    /**
     * @param store the store holding the SST
     * @param objectKey the SST's object key
     * @param size the object's size, as the manifest records it
     */
    public ObjectStoreSstSource(ObjectStore store, String objectKey, long size) {
        Require.nonNull(store, "store");
        this.objectKey = Require.nonNull(objectKey, "objectKey");
        Require.argument(size >= 0, "the size of SST " + objectKey + " must not be negative, got " + size);
        this.size = size;
        this.ranges = store.openRanges(objectKey);
    }

    /** How many bytes at the end of a table of {@code size} bytes one request fetches when a reader opens. */
    public static long tailBytes(long size) {
        return Math.min(size, Math.max(MIN_TAIL_BYTES, size / TAIL_FRACTION));
    }

    /**
     * Opens a reader over this source whose verified blocks are kept in {@code cache} under
     * {@code tableId} (unique per SST, non-negative). Closes this source if it fails.
     *
     * @throws LodeException {@code CORRUPTION} or {@code CHECKSUM_MISMATCH} if the table's
     *     footer, index, filter or properties are damaged, and the store's own errors
     */
    public SstReader openReader(BlockCache cache, long tableId) {
        boolean opened = false;
        try {
            long tailLength = tailBytes(size);
            tail = read(size - tailLength, tailLength);
            SstReader reader = SstReader.open(this, cache, tableId);
            opened = true;
            return reader;
        } catch (SstCorruptionException e) {
            throw SstFailures.toLode(e);
        } finally {
            tail = null;
            if (!opened) {
                close();
            }
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
     * A slice of the tail while a reader opens, else one ranged read.
     *
     * @throws LodeException {@code CORRUPTION} if the object is shorter than the manifest records
     */
    @Override
    public MemorySegment read(long offset, long length) {
        return read(offset, length, null);
    }

    /** {@link #read(long, long)}, into {@code buffer} if the store reads into one. */
    @Override
    public MemorySegment read(long offset, long length, MemorySegment buffer) {
        MemorySegment t = tail;
        long tailStart = t == null ? Long.MAX_VALUE : size - t.byteSize();
        if (offset >= tailStart && offset + length <= size) {
            return t.asSlice(offset - tailStart, length);
        }
        MemorySegment bytes = ranges.read(offset, length, buffer);
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

    /** Lets go of the open object; reads fail afterwards. */
    @Override
    public void close() {
        ranges.close();
    }
}
