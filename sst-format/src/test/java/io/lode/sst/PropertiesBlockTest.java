package io.lode.sst;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lode.sst.block.Block;
import io.lode.sst.block.BlockBuilder;
import io.lode.sst.format.ChecksumType;
import io.lode.sst.format.SstCorruptionException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The properties block decodes what it encodes, and refuses a damaged number. */
class PropertiesBlockTest {
    private static PropertiesBlock roundTrip(TableProperties p) {
        MemorySegment bytes = MemorySegment.ofArray(PropertiesBlock.encode(p).toByteArray());
        return PropertiesBlock.decode(new Block(bytes, "t.sst", 100), "t.sst", 100);
    }

    @Test
    void whatIsEncodedIsDecoded() {
        byte[] smallest = {0x00, 1, 2, 3, 4, 5, 6, 7, 8};
        byte[] largest = {(byte) 0xFF, 1, 2, 3, 4, 5, 6, 7, 8};
        TableProperties p = new TableProperties(10, 2, 3, 4096, 77, 33, 500, 6000, smallest, largest, 5, 99,
                "leveldb.BytewiseComparator", "LZ4", 5, ChecksumType.CRC32C);
        PropertiesBlock decoded = roundTrip(p);
        assertEquals(10, decoded.number(PropertyNames.NUM_ENTRIES, -1));
        assertEquals(2, decoded.number(PropertyNames.DELETED_KEYS, -1));
        assertEquals(3, decoded.number(PropertyNames.NUM_DATA_BLOCKS, -1));
        assertEquals(4096, decoded.number(PropertyNames.DATA_SIZE, -1));
        assertEquals(77, decoded.number(PropertyNames.INDEX_SIZE, -1));
        assertEquals(33, decoded.number(PropertyNames.FILTER_SIZE, -1));
        assertEquals(500, decoded.number(PropertyNames.RAW_KEY_SIZE, -1));
        assertEquals(6000, decoded.number(PropertyNames.RAW_VALUE_SIZE, -1));
        assertEquals(5, decoded.number(PropertyNames.FORMAT_VERSION, -1));
        assertEquals(5, decoded.number(PropertyNames.LODE_SMALLEST_SEQUENCE, -1));
        assertEquals(99, decoded.number(PropertyNames.LODE_LARGEST_SEQUENCE, -1));
        assertArrayEquals(smallest, decoded.bytes(PropertyNames.LODE_SMALLEST_KEY));
        assertArrayEquals(largest, decoded.bytes(PropertyNames.LODE_LARGEST_KEY));
        assertEquals("leveldb.BytewiseComparator", decoded.text(PropertyNames.COMPARATOR));
        assertEquals("LZ4", decoded.text(PropertyNames.COMPRESSION));
        assertEquals(100, decoded.offset());
    }

    @Test
    void anEmptyTableRecordsNoKeyBoundsAndAnAbsentPropertyGivesTheDefault() {
        TableProperties empty = new TableProperties(0, 0, 0, 0, 0, 0, 0, 0, null, null, -1, -1,
                "leveldb.BytewiseComparator", "NoCompression", 5, ChecksumType.XXHASH64);
        PropertiesBlock decoded = roundTrip(empty);
        assertNull(decoded.bytes(PropertyNames.LODE_SMALLEST_KEY));
        assertEquals(-7, decoded.number(PropertyNames.LODE_SMALLEST_SEQUENCE, -7));
        assertNull(PropertiesBlock.absent("t.sst").text(PropertyNames.COMPARATOR));
        assertEquals(42, PropertiesBlock.absent("t.sst").number(PropertyNames.NUM_ENTRIES, 42));
    }

    @Test
    void aNumberThatIsNotAVarintIsCorruption() {
        BlockBuilder builder = new BlockBuilder(1, 64);
        builder.add(MemorySegment.ofArray(PropertyNames.NUM_ENTRIES.getBytes(StandardCharsets.US_ASCII)),
                MemorySegment.ofArray(new byte[] {(byte) 0x80, (byte) 0x80}));
        MemorySegment bytes = MemorySegment.ofArray(builder.finish().toByteArray());
        PropertiesBlock damaged = PropertiesBlock.decode(new Block(bytes, "t.sst", 8), "t.sst", 8);
        SstCorruptionException e = assertThrows(SstCorruptionException.class, () -> damaged.number(PropertyNames.NUM_ENTRIES, 0));
        assertEquals(SstCorruptionException.Kind.CORRUPTION, e.kind());
    }
}
