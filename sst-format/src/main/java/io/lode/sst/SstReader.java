package io.lode.sst;

import io.lode.core.key.EntryKind;
import io.lode.core.memory.Layouts;
import io.lode.core.memory.MalformedVarintException;
import io.lode.core.memory.Varints;
import io.lode.sst.block.Block;
import io.lode.sst.block.BlockCursor;
import io.lode.sst.block.BlockHandle;
import io.lode.sst.block.BlockTrailer;
import io.lode.sst.block.Footer;
import io.lode.sst.block.KeyPrefix;
import io.lode.sst.filter.BloomFilter;
import io.lode.sst.filter.KeyHash;
import io.lode.sst.format.GrowableBuffer;
import io.lode.sst.format.InternalKey;
import io.lode.sst.format.InternalKeyComparator;
import io.lode.sst.format.SstCorruptionException.Kind;
import io.lode.sst.format.SstCorruptionException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Reads an SST in the RocksDB block-based table layout (format_version 2 to 5, CRC32C or xxHash64,
 * uncompressed or LZ4 blocks), whether we or RocksDB's {@code SstFileWriter} wrote it.
 *
 * <p>Opening reads the footer, metaindex, properties, index and filter blocks; the index is decoded
 * into arrays so a lookup is one binary search, then one block. Every block's checksum is verified
 * when the block is read from the source; verified blocks may be kept in a {@link BlockCache}. Damaged
 * input raises {@link SstCorruptionException} naming the source and offset; every length read from
 * the file is checked against the file before it is used.
 *
 * <p>A reader is immutable once open and safe to share between threads; its iterators are not.
 */
public final class SstReader {
    private static final AtomicLong TABLE_IDS = new AtomicLong();
    private static final LZ4SafeDecompressor LZ4 = LZ4Factory.fastestInstance().safeDecompressor();
    /** LZ4 cannot expand input by more than this factor, which bounds a claimed decompressed size. */
    private static final long LZ4_MAX_RATIO = 255;
    private static final long SEEK_TRAILER = -1L; // all ones: sorts before every version of a user key
    /**
     * The block cursor of {@link #get} on this thread, reused: a fresh one per lookup allocated its
     * key buffer and wrappers every time (about 200 of the 544 bytes a lookup allocated). {@code get}
     * never nests, and nothing it returns refers to the cursor (the value is a slice of the block).
     */
    private static final ThreadLocal<BlockCursor> GET_CURSOR = ThreadLocal.withInitial(BlockCursor::new);

    private final SstSource source;
    private final String name;
    private final long tableId;
    private final BlockCache cache;
    private final Footer footer;
    private final long blocksEnd;
    private final boolean indexKeysAreUserKeys;
    private final byte[] indexKeys;
    private final int[] indexKeyStart;
    private final long[] blockOffsets;
    private final long[] blockSizes;
    /**
     * The first 16 user-key bytes of each separator as two big-endian words, zero-padded: the binary
     * search compares these and reads the separator itself only on a tie. On a large table every level
     * of the search is a cache miss, and one array instead of three (starts, keys) saves most of them.
     */
    private final long[] indexPrefixes;
    private final BloomFilter filter;
    private final TableProperties properties;
    /**
     * For a resident source (mapped or downloaded), each uncompressed data block, verified and with its
     * restart points indexed ({@link Block#indexed}), remembered the first time the block is read: the
     * bytes are the source's own and an SST never changes, so verifying them again would only repeat
     * the same answer, and the restart index saves a lookup two dependent cache misses into the block.
     * Compressed blocks go to the block cache instead, which bounds their memory. Races only cause a
     * block to be verified twice; a block is immutable once built (final fields), so publishing it
     * without a lock is safe.
     */
    private final Block[] residentBlocks;

    private SstReader(SstSource source, BlockCache cache, long tableId) {
        this.source = source;
        this.name = source.name();
        this.tableId = tableId;
        this.cache = cache;
        long size = source.size();
        if (size < Footer.LENGTH) {
            throw corruption(Kind.CORRUPTION, 0, "a table of " + size + " bytes is shorter than its "
                    + Footer.LENGTH + "-byte footer");
        }
        this.blocksEnd = size - Footer.LENGTH;
        this.footer = Footer.decode(source.read(blocksEnd, Footer.LENGTH), size, name);

        Map<String, BlockHandle> metaBlocks = readMetaindex();
        BlockHandle propertiesHandle = metaBlocks.get(PropertyNames.METAINDEX_NAME);
        PropertiesBlock props = propertiesHandle == null ? PropertiesBlock.absent(name) : PropertiesBlock.decode(
                new Block(readBlock(propertiesHandle, "properties"), name, propertiesHandle.offset()), name, propertiesHandle.offset());
        String comparator = props.text(PropertyNames.COMPARATOR);
        if (comparator != null && !comparator.equals(InternalKeyComparator.USER_COMPARATOR_NAME)) {
            throw corruption(Kind.CORRUPTION, props.offset(), "table ordered by comparator " + comparator
                    + ", not " + InternalKeyComparator.USER_COMPARATOR_NAME);
        }
        this.indexKeysAreUserKeys = props.number(PropertyNames.INDEX_KEY_IS_USER_KEY, 0) != 0;
        boolean deltaHandles = props.number(PropertyNames.INDEX_VALUE_IS_DELTA_ENCODED, 0) != 0;

        // Decode the index into arrays: lookups then binary-search plain memory.
        Block index = new Block(readBlock(footer.index(), "index"), name, footer.index().offset());
        BlockCursor cursor = new BlockCursor(
                indexKeysAreUserKeys ? BlockCursor.KeyOrder.USER : BlockCursor.KeyOrder.INTERNAL, deltaHandles);
        GrowableBuffer keys = new GrowableBuffer((int) Math.min(footer.index().size(), 1 << 20));
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
            if (!indexKeysAreUserKeys && cursor.keyLength() < InternalKey.TRAILER_BYTES) {
                throw corruption(Kind.CORRUPTION, footer.index().offset(), "index key of " + cursor.keyLength()
                        + " bytes is shorter than an internal key");
            }
            BlockHandle handle = cursor.valueAsHandle();
            Footer.checkBeforeFooter(handle, blocksEnd, name, "data", footer.index().offset());
            starts[count] = keys.size();
            keys.put(cursor.keyBuffer(), 0, cursor.keyLength());
            offsets[count] = handle.offset();
            sizes[count] = handle.size();
            count++;
        }
        starts[count] = keys.size();
        this.indexKeys = keys.toByteArray();
        this.indexKeyStart = Arrays.copyOf(starts, count + 1);
        this.blockOffsets = Arrays.copyOf(offsets, count);
        this.blockSizes = Arrays.copyOf(sizes, count);
        this.indexPrefixes = new long[2 * count];
        for (int i = 0; i < count; i++) {
            int userEnd = indexKeysAreUserKeys ? indexKeyStart[i + 1] : indexKeyStart[i + 1] - InternalKey.TRAILER_BYTES;
            indexPrefixes[2 * i] = KeyPrefix.word(indexKeys, indexKeyStart[i], userEnd);
            indexPrefixes[2 * i + 1] = KeyPrefix.word(indexKeys, indexKeyStart[i] + 8, userEnd);
        }
        this.residentBlocks = source.isResident() ? new Block[count] : null;

        BlockHandle filterHandle = metaBlocks.get(BloomFilter.METAINDEX_NAME);
        if (filterHandle != null) {
            String[] problem = new String[1];
            this.filter = BloomFilter.parse(readBlock(filterHandle, "filter"), problem);
            if (filter == null) {
                throw corruption(Kind.CORRUPTION, filterHandle.offset(), problem[0]);
            }
        } else {
            this.filter = null;
        }
        this.properties = tableProperties(props, comparator);
    }

    /**
     * Opens a table read through {@code source}, caching verified blocks in {@code cache} under a
     * table id unique to this reader.
     */
    public static SstReader open(SstSource source, BlockCache cache) {
        return new SstReader(source, cache, -TABLE_IDS.incrementAndGet());
    }

    /**
     * Opens a table whose blocks are cached under {@code tableId}, so that readers of the same file
     * (reopened, or on several threads) share cached blocks. The caller keeps ids unique per file;
     * non-negative ids are the caller's, negative ones are assigned by {@link #open(SstSource, BlockCache)}.
     */
    public static SstReader open(SstSource source, BlockCache cache, long tableId) {
        if (tableId < 0) {
            throw new IllegalArgumentException("table ids chosen by the caller are non-negative, got " + tableId);
        }
        return new SstReader(source, cache, tableId);
    }

    /**
     * Opens a table held whole in memory (mapped or downloaded), without a block cache: uncompressed
     * blocks are verified on first read and remembered, LZ4 blocks are decompressed on every read.
     */
    public static SstReader open(String name, MemorySegment table) {
        return new SstReader(SstSource.of(name, table), BlockCache.NONE, -TABLE_IDS.incrementAndGet());
    }

    public TableProperties properties() {
        return properties;
    }

    public String name() {
        return name;
    }

    /** Whether the table has our Bloom filter (tables written by RocksDB do not). */
    public boolean hasFilter() {
        return filter != null;
    }

    /** False if the table certainly holds no version of {@code userKey}; true without a filter. */
    public boolean mayContain(MemorySegment userKey) {
        return filter == null || filter.mayContain(KeyHash.hash(userKey));
    }

    /** The newest version of {@code userKey} in this table (value or tombstone), or {@code null}. */
    public Version get(MemorySegment userKey) {
        return get(userKey, InternalKey.MAX_SEQUENCE);
    }

    /** The newest version of {@code userKey} with a sequence at most {@code maxSequence}, or {@code null}. */
    public Version get(MemorySegment userKey, long maxSequence) {
        if (!mayContain(userKey)) {
            return null;
        }
        byte[] target = seekTarget(userKey, maxSequence);
        BlockCursor cursor = GET_CURSOR.get();
        for (int i = indexLowerBound(target); i < blockOffsets.length; i++) {
            cursor.reset(dataBlock(i));
            cursor.seekGE(target);
            if (cursor.isValid()) {
                long userLength = cursor.keyLength() - InternalKey.TRAILER_BYTES;
                if (userLength != userKey.byteSize()
                        || MemorySegment.mismatch(cursor.keyBuffer(), 0, userLength, userKey, 0, userLength) >= 0) {
                    return null;
                }
                long trailer = cursor.keyBuffer().get(Layouts.U64_LE, userLength);
                return new Version(trailer >>> 8, kindOf(trailer, i), cursor.value());
            }
        }
        return null;
    }

    /** A new iterator, not yet positioned. */
    public SstIterator iterator() {
        return new SstIterator(this);
    }

    static byte[] seekTarget(MemorySegment userKey, long maxSequence) {
        if (maxSequence < 0 || maxSequence > InternalKey.MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence " + maxSequence + " is outside [0, 2^56)");
        }
        long userLength = userKey.byteSize();
        byte[] target = new byte[Math.toIntExact(userLength + InternalKey.TRAILER_BYTES)];
        MemorySegment segment = MemorySegment.ofArray(target);
        MemorySegment.copy(userKey, 0, segment, 0, userLength);
        long trailer = maxSequence == InternalKey.MAX_SEQUENCE ? SEEK_TRAILER : (maxSequence << 8) | 0xFF;
        segment.set(Layouts.U64_LE, userLength, trailer);
        return target;
    }

    EntryKind kindOf(long trailer, int block) {
        EntryKind kind = EntryKind.ofCode((int) (trailer & 0xFF));
        if (kind == null) {
            throw new UnsupportedOperationException("entry of kind " + (trailer & 0xFF) + " in data block at "
                    + blockOffsets[block] + " of " + name + ": only values and tombstones are supported");
        }
        return kind;
    }

    long blockOffset(int block) {
        return blockOffsets[block];
    }

    int blockCount() {
        return blockOffsets.length;
    }

    /** The first data block whose index separator is at or after {@code target} (an internal key). */
    int indexLowerBound(byte[] target) {
        int targetUserEnd = target.length - InternalKey.TRAILER_BYTES;
        long target0 = KeyPrefix.word(target, 0, targetUserEnd);
        long target1 = KeyPrefix.word(target, 8, targetUserEnd);
        int low = 0;
        int high = blockOffsets.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            int c = Long.compareUnsigned(indexPrefixes[2 * mid], target0);
            if (c == 0) {
                c = Long.compareUnsigned(indexPrefixes[2 * mid + 1], target1);
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
        int from = indexKeyStart[i];
        int to = indexKeyStart[i + 1];
        return indexKeysAreUserKeys
                ? Arrays.compareUnsigned(indexKeys, from, to, target, 0, target.length - InternalKey.TRAILER_BYTES)
                : InternalKeyComparator.compare(indexKeys, from, to, target, 0, target.length);
    }

    Block dataBlock(int i) {
        Block resident = residentBlocks == null ? null : residentBlocks[i];
        if (resident != null) {
            return resident;
        }
        MemorySegment contents = readBlock(new BlockHandle(blockOffsets[i], blockSizes[i]), "data", i);
        resident = residentBlocks == null ? null : residentBlocks[i];
        return resident != null ? resident : new Block(contents, name, blockOffsets[i]);
    }

    private MemorySegment readBlock(BlockHandle handle, String what) {
        return readBlock(handle, what, -1);
    }

    /**
     * Reads, verifies and decompresses a block whose handle was already checked to lie before the
     * footer; {@code dataBlock} is its index among the data blocks, or -1 for a meta block.
     */
    private MemorySegment readBlock(BlockHandle handle, String what, int dataBlock) {
        MemorySegment cached = cache.get(tableId, handle.offset());
        if (cached != null) {
            return cached;
        }
        long size = handle.size();
        MemorySegment raw = source.read(handle.offset(), size + BlockTrailer.LENGTH);
        if (raw.byteSize() != size + BlockTrailer.LENGTH) {
            throw corruption(Kind.CORRUPTION, handle.offset(), "source returned " + raw.byteSize() + " bytes for a "
                    + what + " block of " + (size + BlockTrailer.LENGTH));
        }
        int stored = raw.get(Layouts.U32_LE, size + 1);
        int actual = BlockTrailer.checksum(footer.checksumType(), raw.asSlice(0, size + 1));
        if (stored != actual) {
            throw corruption(Kind.CHECKSUM_MISMATCH, handle.offset(), what + " block of " + size + " bytes: "
                    + footer.checksumType() + " is 0x" + Integer.toHexString(actual) + ", trailer says 0x"
                    + Integer.toHexString(stored));
        }
        int typeByte = raw.get(ValueLayout.JAVA_BYTE, size) & 0xFF;
        Compression compression = Compression.ofTypeByte(typeByte);
        MemorySegment contents;
        if (compression == Compression.NONE) {
            contents = raw.asSlice(0, size);
            if (residentBlocks != null && dataBlock >= 0) {
                residentBlocks[dataBlock] = Block.indexed(contents, name, handle.offset());
                return contents;
            }
        } else if (compression == Compression.LZ4) {
            contents = decompressLz4(raw.asSlice(0, size), handle.offset(), what);
        } else {
            throw corruption(Kind.CORRUPTION, handle.offset(), what + " block has unsupported compression type 0x"
                    + Integer.toHexString(typeByte));
        }
        cache.put(tableId, handle.offset(), contents);
        return contents;
    }

    private MemorySegment decompressLz4(MemorySegment compressed, long offset, String what) {
        long size = compressed.byteSize();
        int length;
        int prefix;
        try {
            length = Varints.read32(compressed, 0, size);
            prefix = Varints.lengthAt(compressed, 0, size, Varints.MAX_VARINT32_BYTES);
        } catch (MalformedVarintException e) {
            throw corruption(Kind.CORRUPTION, offset, what + " block: bad LZ4 length prefix: " + e.getMessage());
        }
        long claimed = Integer.toUnsignedLong(length);
        if (claimed > (size - prefix) * LZ4_MAX_RATIO + 16 || claimed > Integer.MAX_VALUE - 16) {
            throw corruption(Kind.CORRUPTION, offset, what + " block claims " + claimed + " bytes decompressed from "
                    + (size - prefix));
        }
        byte[] out = new byte[(int) claimed];
        ByteBuffer src = compressed.asSlice(prefix).asByteBuffer();
        int produced;
        try {
            produced = LZ4.decompress(src, 0, src.remaining(), ByteBuffer.wrap(out), 0, out.length);
        } catch (LZ4Exception e) {
            throw corruption(Kind.CORRUPTION, offset, what + " block: bad LZ4 data: " + e.getMessage(), e);
        }
        if (produced != out.length) {
            throw corruption(Kind.CORRUPTION, offset, what + " block decompressed to " + produced + " bytes, not "
                    + out.length);
        }
        return MemorySegment.ofArray(out);
    }

    private Map<String, BlockHandle> readMetaindex() {
        BlockHandle handle = footer.metaindex();
        Block block = new Block(readBlock(handle, "metaindex"), name, handle.offset());
        Map<String, BlockHandle> handles = new HashMap<>();
        BlockCursor cursor = new BlockCursor().reset(block);
        for (cursor.seekToFirst(); cursor.isValid(); cursor.next()) {
            BlockHandle meta = cursor.valueAsHandle();
            Footer.checkBeforeFooter(meta, blocksEnd, name, "meta", handle.offset());
            handles.put(new String(cursor.key().toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8), meta);
        }
        return handles;
    }

    private TableProperties tableProperties(PropertiesBlock props, String comparator) {
        byte[] smallest;
        byte[] largest;
        long smallestSequence;
        long largestSequence;
        byte[] ownSmallest = props.bytes(PropertyNames.LODE_SMALLEST_KEY);
        byte[] ownLargest = props.bytes(PropertyNames.LODE_LARGEST_KEY);
        if (ownSmallest != null && ownLargest != null) {
            smallest = ownSmallest;
            largest = ownLargest;
            smallestSequence = props.number(PropertyNames.LODE_SMALLEST_SEQUENCE, -1);
            largestSequence = props.number(PropertyNames.LODE_LARGEST_SEQUENCE, -1);
        } else {
            // A table written by someone else: bounds from its first and last blocks, sequences unknown.
            smallest = null;
            largest = null;
            if (blockOffsets.length > 0) {
                BlockCursor cursor = new BlockCursor().reset(dataBlock(0));
                cursor.seekToFirst();
                smallest = cursor.isValid() ? cursor.key().toArray(ValueLayout.JAVA_BYTE) : null;
                cursor.reset(dataBlock(blockOffsets.length - 1));
                for (cursor.seekToFirst(); cursor.isValid(); cursor.next()) {
                    largest = cursor.key().toArray(ValueLayout.JAVA_BYTE);
                }
            }
            smallestSequence = -1;
            largestSequence = -1;
        }
        return new TableProperties(props.number(PropertyNames.NUM_ENTRIES, 0),
                props.number(PropertyNames.DELETED_KEYS, 0),
                props.number(PropertyNames.NUM_DATA_BLOCKS, blockOffsets.length),
                props.number(PropertyNames.DATA_SIZE, 0), props.number(PropertyNames.INDEX_SIZE, 0),
                props.number(PropertyNames.FILTER_SIZE, 0), props.number(PropertyNames.RAW_KEY_SIZE, 0),
                props.number(PropertyNames.RAW_VALUE_SIZE, 0), smallest, largest, smallestSequence,
                largestSequence, comparator, props.text(PropertyNames.COMPRESSION), footer.formatVersion(),
                footer.checksumType());
    }

    SstCorruptionException corruption(Kind kind, long offset, String what) {
        return new SstCorruptionException(kind, name, offset, what);
    }

    private SstCorruptionException corruption(Kind kind, long offset, String what, Throwable cause) {
        return new SstCorruptionException(kind, name, offset, what, cause);
    }
}
