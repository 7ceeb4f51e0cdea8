package io.lode.sst;

import io.lode.sst.block.Block;
import io.lode.sst.block.BlockCursor;
import io.lode.sst.block.BlockHandle;
import io.lode.sst.block.Footer;
import io.lode.sst.block.KeyPrefix;
import io.lode.sst.format.GrowableBuffer;
import io.lode.sst.format.InternalKey;
import io.lode.sst.format.InternalKeyComparator;
import io.lode.sst.format.SstCorruptionException;
import io.lode.sst.format.SstCorruptionException.Kind;
import java.util.Arrays;

/**
 * A table's index block decoded into plain arrays, so finding the data block of a key is one binary
 * search over memory the reader owns: the separators back to back with their starts, each block's
 * place, and the first 16 user-key bytes of each separator as two words. Separators are internal
 * keys, or user keys when the writer recorded {@code rocksdb.index.key.is.user.key}.
 *
 * <p>Immutable and safe to share between threads.
 */
final class TableIndex {
    private final boolean keysAreUserKeys;
    private final byte[] keys;
    private final int[] keyStart;
    private final long[] blockOffsets;
    private final long[] blockSizes;
    /**
     * The first 16 user-key bytes of each separator as two big-endian words, zero-padded: the binary
     * search compares these and reads the separator itself only on a tie. On a large table every level
     * of the search is a cache miss, and one array instead of three (starts, keys) saves most of them.
     */
    private final long[] prefixes;

    private TableIndex(boolean keysAreUserKeys, byte[] keys, int[] keyStart, long[] blockOffsets, long[] blockSizes) {
        this.keysAreUserKeys = keysAreUserKeys;
        this.keys = keys;
        this.keyStart = keyStart;
        this.blockOffsets = blockOffsets;
        this.blockSizes = blockSizes;
        int count = blockOffsets.length;
        this.prefixes = new long[2 * count];
        for (int i = 0; i < count; i++) {
            int userEnd = keysAreUserKeys ? keyStart[i + 1] : keyStart[i + 1] - InternalKey.TRAILER_BYTES;
            prefixes[2 * i] = KeyPrefix.word(keys, keyStart[i], userEnd);
            prefixes[2 * i + 1] = KeyPrefix.word(keys, keyStart[i] + 8, userEnd);
        }
    }

    /**
     * Decodes the index block of {@code table} at {@code indexOffset}, checking that every block it
     * names lies before {@code blocksEnd} (the footer).
     *
     * @param deltaHandles whether handles after the first of a restart interval are delta-encoded
     */
    static TableIndex decode(Block index, boolean keysAreUserKeys, boolean deltaHandles, long blocksEnd, String table,
            long indexOffset, long indexSize) {
        BlockCursor cursor = new BlockCursor(keysAreUserKeys ? BlockCursor.KeyOrder.USER : BlockCursor.KeyOrder.INTERNAL,
                deltaHandles);
        GrowableBuffer keys = new GrowableBuffer((int) Math.min(indexSize, 1 << 20));
        int capacity = 16;
        int[] starts = new int[capacity + 1];
        long[] offsets = new long[capacity];
        long[] sizes = new long[capacity];
        int count = 0;
        for (cursor.reset(index).seekToFirst(); cursor.isValid(); cursor.next()) {
            if (count == capacity) {
                capacity *= 2;
                starts = Arrays.copyOf(starts, capacity + 1);
                offsets = Arrays.copyOf(offsets, capacity);
                sizes = Arrays.copyOf(sizes, capacity);
            }
            if (!keysAreUserKeys && cursor.keyLength() < InternalKey.TRAILER_BYTES) {
                throw new SstCorruptionException(Kind.CORRUPTION, table, indexOffset, "index key of " + cursor.keyLength()
                        + " bytes is shorter than an internal key");
            }
            BlockHandle handle = cursor.valueAsHandle();
            Footer.checkBeforeFooter(handle, blocksEnd, table, "data", indexOffset);
            starts[count] = keys.size();
            keys.put(cursor.keyBuffer(), 0, cursor.keyLength());
            offsets[count] = handle.offset();
            sizes[count] = handle.size();
            count++;
        }
        starts[count] = keys.size();
        return new TableIndex(keysAreUserKeys, keys.toByteArray(), Arrays.copyOf(starts, count + 1), Arrays.copyOf(offsets, count),
                Arrays.copyOf(sizes, count));
    }

    /** The number of data blocks. */
    int count() {
        return blockOffsets.length;
    }

    /** Where data block {@code i} starts. */
    long blockOffset(int i) {
        return blockOffsets[i];
    }

    /** The place of data block {@code i}. */
    BlockHandle handle(int i) {
        return new BlockHandle(blockOffsets[i], blockSizes[i]);
    }

    /** The first data block whose separator is at or after {@code target} (an internal key). */
    int lowerBound(byte[] target) {
        int targetUserEnd = target.length - InternalKey.TRAILER_BYTES;
        long target0 = KeyPrefix.word(target, 0, targetUserEnd);
        long target1 = KeyPrefix.word(target, 8, targetUserEnd);
        int low = 0;
        int high = blockOffsets.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            int c = Long.compareUnsigned(prefixes[2 * mid], target0);
            if (c == 0) {
                c = Long.compareUnsigned(prefixes[2 * mid + 1], target1);
                if (c == 0) {
                    c = compareSeparator(mid, target);
                }
            }
            if (c < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private int compareSeparator(int i, byte[] target) {
        int from = keyStart[i];
        int to = keyStart[i + 1];
        return keysAreUserKeys
                ? Arrays.compareUnsigned(keys, from, to, target, 0, target.length - InternalKey.TRAILER_BYTES)
                : InternalKeyComparator.compare(keys, from, to, target, 0, target.length);
    }
}
