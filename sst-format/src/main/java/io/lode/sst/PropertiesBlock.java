package io.lode.sst;

import io.lode.core.memory.MalformedVarintException;
import io.lode.core.memory.Varints;
import io.lode.sst.block.Block;
import io.lode.sst.block.BlockBuilder;
import io.lode.sst.block.BlockCursor;
import io.lode.sst.format.GrowableBuffer;
import io.lode.sst.format.SstCorruptionException;
import io.lode.sst.format.SstCorruptionException.Kind;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The properties block of a table, RocksDB's meta block {@value PropertyNames#METAINDEX_NAME}
 * (docs/sst-format.md, "Properties block"): one entry per property, named in {@link PropertyNames}, with
 * numbers as varint64, names as UTF-8 and our key bounds as raw bytes. The writer encodes the
 * properties it records here, and the reader decodes those of any writer, RocksDB's included.
 */
final class PropertiesBlock {
    private static final byte[] EMPTY = new byte[0];

    private final Map<String, MemorySegment> values;
    private final String table;
    private final long offset;

    private PropertiesBlock(Map<String, MemorySegment> values, String table, long offset) {
        this.values = values;
        this.table = table;
        this.offset = offset;
    }

    /** The block of a table that has none: every property is absent. */
    static PropertiesBlock absent(String table) {
        return new PropertiesBlock(Map.of(), table, 0);
    }

    /** Decodes the properties block of {@code table} at {@code offset}. */
    static PropertiesBlock decode(Block block, String table, long offset) {
        Map<String, MemorySegment> values = new HashMap<>();
        BlockCursor cursor = new BlockCursor().reset(block);
        for (cursor.seekToFirst(); cursor.isValid(); cursor.next()) {
            values.put(new String(cursor.key().toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8), cursor.value());
        }
        return new PropertiesBlock(values, table, offset);
    }

    /** Where the block lies in its table (0 when it has none): corruption messages name it. */
    long offset() {
        return offset;
    }

    /** A varint64 property, or {@code absent} when the table does not record it. */
    long number(String name, long absent) {
        MemorySegment value = values.get(name);
        if (value == null) {
            return absent;
        }
        try {
            return Varints.read64(value, 0, value.byteSize());
        } catch (MalformedVarintException e) {
            throw new SstCorruptionException(Kind.CORRUPTION, table, offset, "property " + name + ": " + e.getMessage());
        }
    }

    /** A text property, or null when the table does not record it. */
    String text(String name) {
        MemorySegment value = values.get(name);
        return value == null ? null : new String(value.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }

    /** A property's raw bytes, or null when the table does not record it. */
    byte[] bytes(String name) {
        MemorySegment value = values.get(name);
        return value == null ? null : value.toArray(ValueLayout.JAVA_BYTE);
    }

    /**
     * The block that records {@code p}, with the properties RocksDB's {@code SstFileWriter} writes
     * (so its tools read our tables as theirs) and our exact key and sequence bounds.
     */
    static GrowableBuffer encode(TableProperties p) {
        // Keys must be sorted bytewise; every name is ASCII, so String order is byte order.
        Map<String, byte[]> values = new TreeMap<>();
        byte[] binarySearchIndex = new byte[4]; // index type 0 as fixed32: binary search
        values.put(PropertyNames.INDEX_TYPE, binarySearchIndex);
        values.put(PropertyNames.PREFIX_FILTERING, utf8("0"));
        values.put(PropertyNames.WHOLE_KEY_FILTERING, utf8("1"));
        values.put(PropertyNames.COLUMN_FAMILY_ID, varint(Integer.MAX_VALUE)); // "unknown", as SstFileWriter
        values.put(PropertyNames.COLUMN_FAMILY_NAME, EMPTY);
        values.put(PropertyNames.COMPARATOR, utf8(p.comparator()));
        values.put(PropertyNames.COMPRESSION, utf8(p.compression()));
        values.put(PropertyNames.COMPRESSION_OPTIONS, EMPTY);
        values.put(PropertyNames.CREATION_TIME, varint(0));
        values.put(PropertyNames.DATA_SIZE, varint(p.dataSize()));
        values.put(PropertyNames.DELETED_KEYS, varint(p.deletions()));
        values.put(PropertyNames.FILE_CREATION_TIME, varint(0));
        values.put(PropertyNames.FILTER_SIZE, varint(p.filterSize()));
        values.put(PropertyNames.FIXED_KEY_LENGTH, varint(0));
        values.put(PropertyNames.FORMAT_VERSION, varint(p.formatVersion()));
        values.put(PropertyNames.INDEX_KEY_IS_USER_KEY, varint(0));
        values.put(PropertyNames.INDEX_SIZE, varint(p.indexSize()));
        values.put(PropertyNames.INDEX_VALUE_IS_DELTA_ENCODED, varint(0));
        values.put(PropertyNames.MERGE_OPERANDS, varint(0));
        values.put(PropertyNames.MERGE_OPERATOR, utf8("nullptr"));
        values.put(PropertyNames.NUM_DATA_BLOCKS, varint(p.dataBlocks()));
        values.put(PropertyNames.NUM_ENTRIES, varint(p.entries()));
        values.put(PropertyNames.NUM_RANGE_DELETIONS, varint(0));
        values.put(PropertyNames.OLDEST_KEY_TIME, varint(0));
        values.put(PropertyNames.PREFIX_EXTRACTOR_NAME, utf8("nullptr"));
        values.put(PropertyNames.PROPERTY_COLLECTORS, utf8("[]"));
        values.put(PropertyNames.RAW_KEY_SIZE, varint(p.rawKeySize()));
        values.put(PropertyNames.RAW_VALUE_SIZE, varint(p.rawValueSize()));
        if (p.smallestKey() != null) {
            values.put(PropertyNames.LODE_SMALLEST_KEY, p.smallestKey());
            values.put(PropertyNames.LODE_LARGEST_KEY, p.largestKey());
            values.put(PropertyNames.LODE_SMALLEST_SEQUENCE, varint(p.smallestSequence()));
            values.put(PropertyNames.LODE_LARGEST_SEQUENCE, varint(p.largestSequence()));
        }
        BlockBuilder block = new BlockBuilder(1, 1024);
        for (Map.Entry<String, byte[]> e : values.entrySet()) {
            block.add(MemorySegment.ofArray(e.getKey().getBytes(StandardCharsets.US_ASCII)), MemorySegment.ofArray(e.getValue()));
        }
        return block.finish();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] varint(long v) {
        GrowableBuffer b = new GrowableBuffer(16);
        b.putVarint(v);
        return b.toByteArray();
    }
}
