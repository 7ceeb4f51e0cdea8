package io.lode.sst;

import io.lode.sst.block.BlockHandle;
import io.lode.sst.format.ChecksumType;
import java.util.List;

/**
 * The later part of a table built on another thread: its data blocks, sealed and laid one after the
 * other, and what the table's writer needs to take them over with {@link SstWriter#append(SstPart)}:
 * the blocks' index keys and places, the filter's key hashes and the counts. Made by
 * {@link SstWriter#finishPart()}; opaque to everyone else.
 *
 * <p>Why: building a table is one thread's work, entry after entry. A flush with two cores builds
 * the second half of its entries as a part while it builds the first half, then appends the part's
 * blocks as they are (a block's checksum does not depend on where it sits in the file) and indexes
 * them at their new offsets, so that the result is one ordinary table.
 */
public final class SstPart {
    /** The data blocks with their trailers: {@code data[0, dataLength)}. */
    final byte[] data;
    final int dataLength;
    /** The index keys of every block but the last, whose key depends on what follows it. */
    final List<byte[]> separators;
    /** Every block's place within {@link #data}. */
    final List<BlockHandle> handles;
    /** The filter's key hashes, one per user key. */
    final long[] filterHashes;
    final long entries;
    final long deletions;
    final long rawKeySize;
    final long rawValueSize;
    final byte[] smallestKey;
    final byte[] largestKey;
    final long smallestSequence;
    final long largestSequence;
    /** The checksum the blocks' trailers carry, which the table's footer must name. */
    final ChecksumType checksumType;

    SstPart(byte[] data, int dataLength, List<byte[]> separators, List<BlockHandle> handles, long[] filterHashes,
            long entries, long deletions, long rawKeySize, long rawValueSize, byte[] smallestKey,
            byte[] largestKey, long smallestSequence, long largestSequence, ChecksumType checksumType) {
        this.data = data;
        this.dataLength = dataLength;
        this.separators = separators;
        this.handles = handles;
        this.filterHashes = filterHashes;
        this.entries = entries;
        this.deletions = deletions;
        this.rawKeySize = rawKeySize;
        this.rawValueSize = rawValueSize;
        this.smallestKey = smallestKey;
        this.largestKey = largestKey;
        this.smallestSequence = smallestSequence;
        this.largestSequence = largestSequence;
        this.checksumType = checksumType;
    }

    /** The number of entries in the part. */
    public long entries() {
        return entries;
    }
}
