package io.lode.sst.block;

import io.lode.core.memory.Layouts;
import io.lode.core.memory.MalformedVarintException;
import io.lode.core.memory.UnsignedBytes;
import io.lode.core.memory.Varints;
import io.lode.sst.format.InternalKey;
import io.lode.sst.format.InternalKeyComparator;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A position in a {@link Block}: decodes entries in order and seeks by binary search over the restart
 * points. Values are slices of the block (no copy); keys are rebuilt from their shared prefixes in a
 * buffer the cursor owns, valid until it moves.
 *
 * <p>Every length is checked against the entries' end before it is used, so a damaged block raises
 * {@link io.lode.sst.format.SstCorruptionException} and never reads outside itself.
 */
public final class BlockCursor {
    /** How keys of a block compare with a search target. */
    public enum KeyOrder {
        /** Keys are internal keys (user key + trailer). */
        INTERNAL,
        /** Keys are bare user keys (RocksDB index blocks with {@code index_key_is_user_key}). */
        USER
    }

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final KeyOrder order;
    private final boolean deltaEncodedHandles;
    private Block block;
    private MemorySegment contents;
    private long entriesEnd;

    private byte[] key = new byte[64];
    private MemorySegment keySegment = MemorySegment.ofArray(key);
    private int keyLength;
    private long valueOffset;
    private long valueLength;
    private long nextEntry;
    private boolean valid;
    private long handleOffset;
    private long handleSize;
    private final long[] decodeEnd = new long[1];
    /** Outputs of the decoding helpers, kept in fields to avoid allocating a result per entry. */
    private long varintEnd;
    private long restartKeyLength;

    /**
     * @param order how the block's keys compare
     * @param deltaEncodedHandles whether values are block handles in RocksDB's index encoding without
     *     a value length (full handle at restarts, size delta elsewhere)
     */
    public BlockCursor(KeyOrder order, boolean deltaEncodedHandles) {
        this.order = order;
        this.deltaEncodedHandles = deltaEncodedHandles;
    }

    /** A cursor over data blocks (internal keys, length-prefixed values). */
    public BlockCursor() {
        this(KeyOrder.INTERNAL, false);
    }

    /** Points the cursor at {@code block}, before its first entry. */
    public BlockCursor reset(Block block) {
        this.block = block;
        this.contents = block.contents();
        this.entriesEnd = block.entriesEnd();
        this.valid = false;
        this.keyLength = 0;
        return this;
    }

    public boolean isValid() {
        return valid;
    }

    public void seekToFirst() {
        if (block.restartCount() == 0 || entriesEnd == 0) {
            valid = false;
            return;
        }
        keyLength = 0;
        decodeAt(block.restartOffset(0));
    }

    public void next() {
        if (!valid) {
            throw new IllegalStateException("cursor is not positioned on an entry");
        }
        if (nextEntry >= entriesEnd) {
            valid = false;
            return;
        }
        decodeAt(nextEntry);
    }

    /** Positions at the first entry whose key is at or after {@code target}, an internal key. */
    public void seekGE(byte[] target) {
        int count = block.restartCount();
        if (count == 0 || entriesEnd == 0) {
            valid = false;
            return;
        }
        long[] index = block.restartIndex();
        long start;
        if (index != null) {
            int restart = seekRestartIndex(index, count, target);
            start = index[3 * restart + 2];
        } else {
            // Find the last restart whose key is before the target; scan forward from it.
            MemorySegment targetSegment = MemorySegment.ofArray(target);
            int low = 0;
            int high = count - 1;
            while (low < high) {
                int mid = (low + high + 1) >>> 1;
                long at = block.restartOffset(mid);
                long keyStart = restartKeyStart(at);
                if (compareTarget(contents, keyStart, keyStart + restartKeyLength, targetSegment) < 0) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            start = block.restartOffset(low);
        }
        keyLength = 0;
        decodeAt(start);
        while (valid && compareCurrent(target) < 0) {
            next();
        }
    }

    /**
     * The last restart point before {@code target}, found in an indexed block's decoded restart
     * points; the block is read only on a tie of the 16-byte prefixes.
     */
    private int seekRestartIndex(long[] index, int count, byte[] target) {
        int userEnd = target.length - InternalKey.TRAILER_BYTES;
        long target0 = KeyPrefix.word(target, 0, userEnd);
        long target1 = KeyPrefix.word(target, 8, userEnd);
        int low = 0;
        int high = count - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            int c = Long.compareUnsigned(index[3 * mid], target0);
            if (c == 0) {
                c = Long.compareUnsigned(index[3 * mid + 1], target1);
                if (c == 0) {
                    long keyStart = restartKeyStart(index[3 * mid + 2]);
                    c = compareTarget(contents, keyStart, keyStart + restartKeyLength, MemorySegment.ofArray(target));
                }
            }
            if (c < 0) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** Decodes every restart point of the block for {@link Block#indexed}; see {@code Block.restartIndex}. */
    long[] decodeRestarts() {
        int count = entriesEnd == 0 ? 0 : block.restartCount();
        long[] index = new long[3 * count];
        byte[] userKey = new byte[16];
        for (int i = 0; i < count; i++) {
            long at = block.restartOffset(i);
            long keyStart = restartKeyStart(at);
            if (restartKeyLength < InternalKey.TRAILER_BYTES) {
                throw block.corruption("internal key of " + restartKeyLength + " bytes at " + at
                        + " is shorter than its trailer");
            }
            int prefixLength = (int) Math.min(16, restartKeyLength - InternalKey.TRAILER_BYTES);
            MemorySegment.copy(contents, ValueLayout.JAVA_BYTE, keyStart, userKey, 0, prefixLength);
            index[3 * i] = KeyPrefix.word(userKey, 0, prefixLength);
            index[3 * i + 1] = KeyPrefix.word(userKey, 8, prefixLength);
            index[3 * i + 2] = at;
        }
        return index;
    }

    private int compareCurrent(byte[] target) {
        if (order == KeyOrder.USER) {
            return Arrays.compareUnsigned(key, 0, keyLength, target, 0, target.length - InternalKey.TRAILER_BYTES);
        }
        if (keyLength < InternalKey.TRAILER_BYTES) {
            throw block.corruption("internal key of " + keyLength + " bytes is shorter than its trailer");
        }
        return InternalKeyComparator.compare(key, 0, keyLength, target, 0, target.length);
    }

    /** Decodes the header of the restart entry at {@code at}; returns where its key starts. */
    private long restartKeyStart(long at) {
        try {
            long shared = readVarint32(at);
            long p = varintEnd;
            long unshared = readVarint32(p);
            p = varintEnd;
            if (!deltaEncodedHandles) {
                readVarint32(p);
                p = varintEnd;
            }
            if (shared != 0) {
                throw block.corruption("restart entry at " + at + " shares " + shared + " bytes");
            }
            if (p + unshared > entriesEnd) {
                throw block.corruption("key of " + unshared + " bytes at " + p + " runs past the entries");
            }
            restartKeyLength = unshared;
            return p;
        } catch (MalformedVarintException e) {
            throw block.corruption("bad entry header at " + at + ": " + e.getMessage());
        }
    }

    private int compareTarget(MemorySegment keys, long keyFrom, long keyTo, MemorySegment target) {
        long to = target.byteSize();
        if (order == KeyOrder.USER) {
            return UnsignedBytes.compare(keys, keyFrom, keyTo, target, 0, to - InternalKey.TRAILER_BYTES);
        }
        if (keyTo - keyFrom < InternalKey.TRAILER_BYTES) {
            throw block.corruption("internal key of " + (keyTo - keyFrom) + " bytes is shorter than its trailer");
        }
        return InternalKeyComparator.compare(keys, keyFrom, keyTo, target, 0, to);
    }

    /**
     * Reads the unsigned varint32 at {@code at}, setting {@link #varintEnd} past it. Entry header fields
     * are almost always below 128, so one byte is the fast path; longer ones take the bounded decoder.
     */
    private long readVarint32(long at) {
        if (at < entriesEnd) {
            byte first = contents.get(ValueLayout.JAVA_BYTE, at);
            if (first >= 0) {
                varintEnd = at + 1;
                return first;
            }
        }
        long value = Integer.toUnsignedLong(Varints.read32(contents, at, entriesEnd));
        varintEnd = at + Varints.lengthAt(contents, at, entriesEnd, Varints.MAX_VARINT32_BYTES);
        return value;
    }

    private void decodeAt(long at) {
        try {
            long shared;
            long unshared;
            long valueBytes = -1;
            long p;
            int header = at + 4 <= entriesEnd ? contents.get(Layouts.U32_LE, at) : -1;
            if (!deltaEncodedHandles && (header & 0x8080) == 0) {
                // The usual data-block entry: one-byte key lengths and a value length of one or two
                // bytes (values under 16 KiB), read with one load instead of three varint reads.
                shared = header & 0x7F;
                unshared = (header >>> 8) & 0x7F;
                if ((header & 0x80_0000) == 0) {
                    valueBytes = (header >>> 16) & 0x7F;
                    p = at + 3;
                } else if ((header & 0x8000_0000) == 0) {
                    valueBytes = ((header >>> 16) & 0x7F) | ((header >>> 24) << 7);
                    p = at + 4;
                } else {
                    valueBytes = readVarint32(at + 2);
                    p = varintEnd;
                }
            } else {
                shared = readVarint32(at);
                p = varintEnd;
                unshared = readVarint32(p);
                p = varintEnd;
                if (!deltaEncodedHandles) {
                    valueBytes = readVarint32(p);
                    p = varintEnd;
                }
            }
            if (shared > keyLength) {
                throw block.corruption("entry at " + at + " shares " + shared + " bytes of a " + keyLength + "-byte key");
            }
            if (p + unshared > entriesEnd) {
                throw block.corruption("key of " + unshared + " bytes at " + p + " runs past the entries");
            }
            long newLength = shared + unshared;
            if (newLength > key.length) {
                key = Arrays.copyOf(key, (int) Math.max(newLength, key.length * 2L));
                keySegment = MemorySegment.ofArray(key);
            }
            if (unshared <= 16 && p + 16 <= entriesEnd && shared + 16 <= key.length) {
                // Short key suffixes (the common case) as two 8-byte moves; a bulk segment copy costs
                // more in checks than in bytes. Bytes past the new key length are never read: the next
                // entry may share at most keyLength bytes.
                LONG_LE.set(key, (int) shared, contents.get(Layouts.U64_LE, p));
                LONG_LE.set(key, (int) shared + 8, contents.get(Layouts.U64_LE, p + 8));
            } else {
                MemorySegment.copy(contents, p, keySegment, shared, unshared);
            }
            keyLength = (int) newLength;
            p += unshared;
            if (deltaEncodedHandles) {
                p = decodeHandle(p, shared == 0);
                valueOffset = -1;
                valueLength = 0;
            } else {
                if (p + valueBytes > entriesEnd) {
                    throw block.corruption("value of " + valueBytes + " bytes at " + p + " runs past the entries");
                }
                valueOffset = p;
                valueLength = valueBytes;
                p += valueBytes;
            }
            nextEntry = p;
            valid = true;
        } catch (MalformedVarintException e) {
            throw block.corruption("bad entry at " + at + ": " + e.getMessage());
        }
    }

    private long decodeHandle(long p, boolean full) {
        if (full) {
            BlockHandle handle = BlockHandle.decode(contents, p, entriesEnd, decodeEnd);
            handleOffset = handle.offset();
            handleSize = handle.size();
            return decodeEnd[0];
        }
        // A signed (zigzag) size delta; the block follows the previous one and its trailer.
        long zigzag = Varints.read64(contents, p, entriesEnd);
        long delta = (zigzag >>> 1) ^ -(zigzag & 1);
        handleOffset = handleOffset + handleSize + BlockTrailer.LENGTH;
        handleSize = handleSize + delta;
        if (handleSize < 0) {
            throw block.corruption("negative block size in index entry at " + p);
        }
        return p + Varints.lengthAt(contents, p, entriesEnd, Varints.MAX_VARINT64_BYTES);
    }

    /** The current key; a view of the cursor's buffer, valid until the cursor moves. */
    public MemorySegment key() {
        return keySegment.asSlice(0, keyLength);
    }

    /** The cursor's key buffer; the current key is its first {@link #keyLength()} bytes. */
    public MemorySegment keyBuffer() {
        return keySegment;
    }

    public int keyLength() {
        return keyLength;
    }

    /** The current value, a slice of the block (no copy). */
    public MemorySegment value() {
        return contents.asSlice(valueOffset, valueLength);
    }

    /** The current value as a block handle (index and metaindex blocks). */
    public BlockHandle valueAsHandle() {
        if (deltaEncodedHandles) {
            return new BlockHandle(handleOffset, handleSize);
        }
        try {
            BlockHandle handle = BlockHandle.decode(contents, valueOffset, valueOffset + valueLength, decodeEnd);
            return handle;
        } catch (MalformedVarintException e) {
            throw block.corruption("bad block handle at " + valueOffset + ": " + e.getMessage());
        }
    }
}
