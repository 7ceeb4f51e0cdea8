package io.lode.sst;

import io.lode.sst.format.ChecksumType;

/**
 * What a table holds, from its properties block.
 *
 * @param entries number of entries (all versions, tombstones included)
 * @param deletions number of tombstones
 * @param dataBlocks number of data blocks
 * @param dataSize bytes of data blocks with their trailers
 * @param indexSize bytes of the index block
 * @param filterSize bytes of the filter block, 0 if none
 * @param rawKeySize sum of internal key lengths
 * @param rawValueSize sum of value lengths
 * @param smallestKey the first internal key, {@code null} for an empty table
 * @param largestKey the last internal key, {@code null} for an empty table
 * @param smallestSequence the smallest sequence number, -1 if empty or unknown (a table not written by us)
 * @param largestSequence the largest sequence number, -1 if empty or unknown
 * @param comparator the comparator name recorded by the writer
 * @param compression the compression name recorded by the writer
 * @param formatVersion the footer's format_version
 * @param checksumType the footer's checksum type
 */
public record TableProperties(long entries, long deletions, long dataBlocks, long dataSize, long indexSize,
        long filterSize, long rawKeySize, long rawValueSize, byte[] smallestKey, byte[] largestKey,
        long smallestSequence, long largestSequence, String comparator, String compression, int formatVersion,
        ChecksumType checksumType) {}
