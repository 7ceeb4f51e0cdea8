package io.lode.core.memtable;

import io.lode.core.key.InternalKeyTrailer;

/**
 * Where a skiplist node's parts live in the arena; see {@code docs/memtable.md} for the diagram.
 *
 * <p>Nodes (towers, headers and internal keys) are allocated upwards from the start of the arena,
 * values downwards from its end; the arena is full when the two meet. Keeping values out of the
 * nodes makes the part a search walks three times smaller for 100-byte values (about 48 instead of
 * 152 bytes per entry), so more of it stays in the CPU caches and the TLB.
 *
 * <p>A node is addressed by the offset of its header. Its tower of next-links grows
 * <em>downwards</em> from there (link {@code i} at {@code node - 8 * (i + 1)}), as in RocksDB's
 * InlineSkipList, so a node only spends memory on the levels it has and no height is stored: a
 * reader only follows level {@code i} of a node it reached at level {@code i} or above. Links are
 * 8-byte aligned (every allocation is a multiple of 8) so they can be CASed.
 *
 * <p>A link is one 64-bit word: the first 4 bytes of the target's user key (big-endian, zero-padded)
 * in the high half and the target's offset divided by 8 in the low half; 0 is no link. The key bytes
 * let a search decide most steps without loading the target node. Offsets of 32 bits in units of 8
 * bytes limit an arena to just under 32 GiB.
 *
 * <pre>
 *  node - 8*h ... node - 8      node       node+4      node+8            +k
 *  | next[h-1] | ... | next[0] | keyLength | valueRef  | user key (k) | trailer (8 LE) | pad
 *
 *  valueRef * 8:  | valueLength u32 | value (v) | pad        (valueRef 0: the value is empty)
 * </pre>
 *
 * The user key and trailer are contiguous, which makes them exactly the internal key an SST stores.
 */
final class NodeLayout {
    /** The tallest tower. With a branching factor of 2 this indexes ~2^24 = 16 M entries well. */
    static final int MAX_HEIGHT = 24;
    static final int LINK_BYTES = 8;
    static final int HEADER_BYTES = 8;
    static final long KEY_LENGTH = 0;
    /** The value record's offset / 8, or 0 for an empty value (offset 0 is the head, never a value). */
    static final long VALUE_REF = 4;
    /** A value record starts with its length. */
    static final int VALUE_LENGTH_BYTES = 4;
    static final long KEY = HEADER_BYTES;
    /** The head node: a full-height tower and an empty header at the start of the arena. */
    static final long HEAD = (long) MAX_HEIGHT * LINK_BYTES;
    /**
     * The largest arena: link words and value references count 8-byte units in 32 bits, and so do
     * the two halves of the packed allocation state.
     */
    static final long MAX_CAPACITY = (1L << 35) - 8;
    /** Bytes the head takes before the first entry. */
    static final long HEAD_BYTES = HEAD + HEADER_BYTES;
    /** The largest key or value length a header can record, with room for the trailer. */
    static final long MAX_LENGTH = Integer.MAX_VALUE - 64;

    private NodeLayout() {}

    /** Arena bytes an entry of this shape takes, node and value record together, padding included. */
    static long footprint(long keyLength, long valueLength, int height) {
        return nodeFootprint(keyLength, height) + valueFootprint(valueLength);
    }

    /** Bytes of the node: tower, header, key and trailer, padded to a multiple of 8. */
    static long nodeFootprint(long keyLength, int height) {
        return pad((long) height * LINK_BYTES + HEADER_BYTES + keyLength + InternalKeyTrailer.BYTES);
    }

    /** Bytes of the value record, padded to a multiple of 8; an empty value has none. */
    static long valueFootprint(long valueLength) {
        return valueLength == 0 ? 0 : pad(VALUE_LENGTH_BYTES + valueLength);
    }

    private static long pad(long bytes) {
        return (bytes + 7) & ~7L;
    }

    /** The offset of link {@code level} of {@code node}. */
    static long link(long node, int level) {
        return node - (long) (level + 1) * LINK_BYTES;
    }

    static long trailerOffset(long node, int keyLength) {
        return node + KEY + keyLength;
    }

    /** Where the bytes of the value record at {@code record} start. */
    static long valueBytes(long record) {
        return record + VALUE_LENGTH_BYTES;
    }
}
