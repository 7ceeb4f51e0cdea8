package io.lode.sst;

import io.lode.core.key.EntryKind;
import io.lode.core.memory.Layouts;
import io.lode.sst.block.Block;
import io.lode.sst.block.BlockCursor;
import io.lode.sst.block.BlockHandle;
import io.lode.sst.block.BlockTrailer;
import io.lode.sst.block.Footer;
import io.lode.sst.filter.BloomFilter;
import io.lode.sst.filter.KeyHash;
import io.lode.sst.format.InternalKey;
import io.lode.sst.format.InternalKeyComparator;
import io.lode.sst.format.SstCorruptionException.Kind;
import io.lode.sst.format.SstCorruptionException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads an SST in the RocksDB block-based table layout (format_version 2 to 5, CRC32C or xxHash64,
 * uncompressed or LZ4 blocks), whether we or RocksDB's {@code SstFileWriter} wrote it.
 *
 * <p>Opening reads the footer, metaindex, properties, index and filter blocks; the index is decoded
 * into arrays so a lookup is one binary search, then one block. Every block's checksum is verified
 * when the block is read from the source; verified data blocks may be kept in a {@link BlockCache}. Damaged
 * input raises {@link SstCorruptionException} naming the source and offset; every length read from
 * the file is checked against the file before it is used.
 *
 * <p>A reader is immutable once open and safe to share between threads; its iterators are not.
 */
public final class SstReader {
    private static final AtomicLong TABLE_IDS = new AtomicLong();
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
    private final TableIndex index;
    private final BlockReader blocks;
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
        this.blocks = new BlockReader(source, name, footer);

        Map<String, BlockHandle> metaBlocks = readMetaindex();
        BlockHandle propertiesHandle = metaBlocks.get(PropertyNames.METAINDEX_NAME);
        PropertiesBlock props = propertiesHandle == null ? PropertiesBlock.absent(name) : PropertiesBlock.decode(
                new Block(readBlock(propertiesHandle, "properties"), name, propertiesHandle.offset()), name, propertiesHandle.offset());
        String comparator = props.text(PropertyNames.COMPARATOR);
        if (comparator != null && !comparator.equals(InternalKeyComparator.USER_COMPARATOR_NAME)) {
            throw corruption(Kind.CORRUPTION, props.offset(), "table ordered by comparator " + comparator
                    + ", not " + InternalKeyComparator.USER_COMPARATOR_NAME);
        }
        boolean indexKeysAreUserKeys = props.number(PropertyNames.INDEX_KEY_IS_USER_KEY, 0) != 0;
        boolean deltaHandles = props.number(PropertyNames.INDEX_VALUE_IS_DELTA_ENCODED, 0) != 0;

        rejectUnsupported(props, metaBlocks);
        BlockHandle indexHandle = footer.index() != null ? footer.index() : metaBlocks.get(PropertyNames.INDEX_METAINDEX_NAME);
        if (indexHandle == null) {
            throw corruption(Kind.CORRUPTION, footer.metaindex().offset(), "format_version " + footer.formatVersion()
                    + " table has no " + PropertyNames.INDEX_METAINDEX_NAME + " entry in its metaindex");
        }
        this.index = TableIndex.decode(new Block(readBlock(indexHandle, "index"), name, indexHandle.offset()), indexKeysAreUserKeys,
                deltaHandles, blocksEnd, name, indexHandle.offset(), indexHandle.size());
        this.residentBlocks = source.isResident() ? new Block[index.count()] : null;

        BlockHandle filterHandle = metaBlocks.get(BloomFilter.METAINDEX_NAME);
        if (filterHandle != null) {
            String[] problem = new String[1];
            MemorySegment bits = readBlock(filterHandle, "filter");
            if (!source.isResident()) {
                // The filter lives as long as the reader: keep it apart from the read's larger buffer.
                bits = MemorySegment.ofArray(bits.toArray(ValueLayout.JAVA_BYTE));
            }
            this.filter = BloomFilter.parse(bits, problem);
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
     * blocks are verified on first read and remembered, compressed blocks are decompressed on every
     * read. Pass a cache to {@link #open(SstSource, BlockCache, long)} to keep those.
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
        for (int i = index.lowerBound(target), count = index.count(); i < count; i++) {
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
                    + index.blockOffset(block) + " of " + name + ": only values and tombstones are supported");
        }
        return kind;
    }

    long blockOffset(int block) {
        return index.blockOffset(block);
    }

    int blockCount() {
        return index.count();
    }

    /** The first data block whose index separator is at or after {@code target} (an internal key). */
    int indexLowerBound(byte[] target) {
        return index.lowerBound(target);
    }

    /**
     * Data block {@code i}: remembered in {@link #residentBlocks} when the source is resident and the
     * block uncompressed (its bytes are the source's own), else from the block cache, else read,
     * verified, decompressed and handed to the cache, which keeps its own copy.
     */
    Block dataBlock(int i) {
        Block resident = residentBlocks == null ? null : residentBlocks[i];
        if (resident != null) {
            return resident;
        }
        long offset = index.blockOffset(i);
        Block cached = cache.get(tableId, offset);
        if (cached != null) {
            return cached;
        }
        BlockHandle handle = index.handle(i);
        // Buffers only for what the cache copies, so that no block it returns lies in one given back;
        // a resident source's reads are slices of its own memory: nothing to read into.
        MemorySegment readBuffer = source.isResident() || !cache.copies(handle.size())
                ? null : ReadBuffers.take(handle.size() + BlockTrailer.LENGTH);
        MemorySegment inflateBuffer = null;
        try {
            MemorySegment verified = blocks.readVerified(handle, "data", readBuffer);
            if (residentBlocks != null && BlockReader.isUncompressed(verified)) {
                Block block = Block.indexed(blocks.contents(verified, offset, "data"), name, offset);
                residentBlocks[i] = block;
                return block;
            }
            if (!BlockReader.isUncompressed(verified)) {
                long size = blocks.contentsSize(verified, offset, "data");
                inflateBuffer = cache.copies(size) ? ReadBuffers.take(size) : null;
            }
            MemorySegment contents = blocks.contents(verified, offset, "data", inflateBuffer);
            if (cache == BlockCache.NONE) {
                return new Block(contents, name, offset); // read once: decoding its restart points would not pay
            }
            return cache.put(tableId, offset, contents, copy -> Block.indexed(copy, name, offset));
        } finally {
            ReadBuffers.give(readBuffer);
            ReadBuffers.give(inflateBuffer);
        }
    }

    /**
     * A meta block (metaindex, properties, index, filter) whose handle was already checked to lie
     * before the footer, read and verified by {@link BlockReader}. Read once, when the table opens,
     * and decoded or kept by the caller, so never cached.
     */
    private MemorySegment readBlock(BlockHandle handle, String what) {
        return blocks.contents(blocks.readVerified(handle, what), handle.offset(), what);
    }

    /**
     * Fails with {@link Kind#UNSUPPORTED}, naming the feature, for a table whose answers this reader
     * would get wrong rather than fail on: a partitioned index or index values with first keys, range
     * deletions (their meta block would be ignored), merge operands.
     */
    private void rejectUnsupported(PropertiesBlock props, Map<String, BlockHandle> metaBlocks) {
        byte[] indexType = props.bytes(PropertyNames.INDEX_TYPE);
        if (indexType != null && indexType.length == 4) {
            int type = MemorySegment.ofArray(indexType).get(Layouts.U32_LE, 0);
            if (type == 2 || type == 3) {
                throw corruption(Kind.UNSUPPORTED, props.offset(), (type == 2 ? "a partitioned index (kTwoLevelIndexSearch)"
                        : "an index with first keys (kBinarySearchWithFirstKey)") + "; this reader reads kBinarySearch "
                        + "and kHashSearch indexes");
            }
        }
        if (props.number(PropertyNames.NUM_RANGE_DELETIONS, 0) != 0 || metaBlocks.containsKey(PropertyNames.RANGE_DELETIONS_METAINDEX_NAME)) {
            throw corruption(Kind.UNSUPPORTED, props.offset(), "range deletions (DeleteRange); this reader reads point "
                    + "deletions only");
        }
        if (props.number(PropertyNames.MERGE_OPERANDS, 0) != 0) {
            throw corruption(Kind.UNSUPPORTED, props.offset(), "merge operands; this reader reads values and deletions only");
        }
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
            if (index.count() > 0) {
                BlockCursor cursor = new BlockCursor().reset(dataBlock(0));
                cursor.seekToFirst();
                smallest = cursor.isValid() ? cursor.key().toArray(ValueLayout.JAVA_BYTE) : null;
                cursor.reset(dataBlock(index.count() - 1));
                for (cursor.seekToFirst(); cursor.isValid(); cursor.next()) {
                    largest = cursor.key().toArray(ValueLayout.JAVA_BYTE);
                }
            }
            smallestSequence = -1;
            largestSequence = -1;
        }
        return new TableProperties(props.number(PropertyNames.NUM_ENTRIES, 0),
                props.number(PropertyNames.DELETED_KEYS, 0),
                props.number(PropertyNames.NUM_DATA_BLOCKS, index.count()),
                props.number(PropertyNames.DATA_SIZE, 0), props.number(PropertyNames.INDEX_SIZE, 0),
                props.number(PropertyNames.FILTER_SIZE, 0), props.number(PropertyNames.RAW_KEY_SIZE, 0),
                props.number(PropertyNames.RAW_VALUE_SIZE, 0), smallest, largest, smallestSequence,
                largestSequence, comparator, props.text(PropertyNames.COMPRESSION), footer.formatVersion(),
                footer.checksumType());
    }

    SstCorruptionException corruption(Kind kind, long offset, String what) {
        return new SstCorruptionException(kind, name, offset, what);
    }
}
