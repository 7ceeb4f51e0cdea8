package io.lode.sst;

import io.lode.core.key.EntryKind;
import io.lode.sst.format.ChecksumType;
import io.lode.sst.format.InternalKey;
import static io.lode.sst.Tables.bytes;
import static io.lode.sst.Tables.seg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a table written by {@link SstWriter} answers through {@link SstReader}. */
class SstRoundTripTest {
    private static MemorySegment versionsTable(SstWriterOptions options) {
        SegmentOutputStream out = new SegmentOutputStream();
        try (SstWriter writer = SstWriter.toMemory(out, options)) {
            writer.put(seg(bytes("apple")), 30, seg(bytes("red")));
            writer.put(seg(bytes("apple")), 20, seg(bytes("green")));
            writer.delete(seg(bytes("banana")), 25);
            writer.put(seg(bytes("banana")), 10, seg(bytes("yellow")));
            writer.put(seg(bytes("cherry")), 5, seg(bytes("dark")));
            TableProperties p = writer.finish();
            assertEquals(5, p.entries());
            assertEquals(1, p.deletions());
        }
        return out.toSegment();
    }

    @Test
    void getReturnsTheNewestVersionOrTombstone() {
        SstReader reader = SstReader.open("t", versionsTable(SstWriterOptions.defaults()));
        Version apple = reader.get(seg(bytes("apple")));
        assertEquals(30, apple.sequence());
        assertEquals(EntryKind.SET, apple.kind());
        assertArrayEquals(bytes("red"), bytes(apple.value()));
        Version banana = reader.get(seg(bytes("banana")));
        assertTrue(banana.isTombstone());
        assertEquals(25, banana.sequence());
        assertEquals(0, banana.value().byteSize());
        assertNull(reader.get(seg(bytes("appl"))));
        assertNull(reader.get(seg(bytes("apples"))));
        assertNull(reader.get(seg(bytes("zebra"))));
    }

    @Test
    void getAtASnapshotSeesOnlyOlderVersions() {
        SstReader reader = SstReader.open("t", versionsTable(SstWriterOptions.defaults()));
        assertArrayEquals(bytes("green"), bytes(reader.get(seg(bytes("apple")), 29).value()));
        assertArrayEquals(bytes("yellow"), bytes(reader.get(seg(bytes("banana")), 24).value()));
        assertNull(reader.get(seg(bytes("apple")), 19));
    }

    @Test
    void iteratorWalksEveryVersionInInternalKeyOrder() {
        SstReader reader = SstReader.open("t", versionsTable(SstWriterOptions.defaults()));
        SstIterator it = reader.iterator();
        StringBuilder walk = new StringBuilder();
        for (it.seekToFirst(); it.isValid(); it.next()) {
            walk.append(new String(bytes(it.userKey()))).append('@').append(it.sequence()).append(it.kind())
                    .append(' ');
        }
        assertEquals("apple@30SET apple@20SET banana@25DELETE banana@10SET cherry@5SET ", walk.toString());
    }

    @Test
    void seekGEFindsTheFirstKeyAtOrAfterTheTarget() {
        SstReader reader = SstReader.open("t", versionsTable(SstWriterOptions.defaults()));
        SstIterator it = reader.iterator();
        it.seekGE(seg(bytes("b")));
        assertArrayEquals(bytes("banana"), bytes(it.userKey()));
        assertEquals(25, it.sequence());
        it.seekGE(seg(bytes("banana")), 24);
        assertEquals(10, it.sequence());
        it.seekGE(seg(bytes("cherry")), 4);
        assertFalse(it.isValid());
        it.seekGE(seg(bytes("")));
        assertArrayEquals(bytes("apple"), bytes(it.userKey()));
        assertThrows(IllegalStateException.class, () -> {
            it.seekGE(seg(bytes("d")));
            it.next();
        });
    }

    @Test
    void propertiesDescribeTheTable() {
        SstReader reader = SstReader.open("t", versionsTable(SstWriterOptions.defaults()));
        TableProperties p = reader.properties();
        assertEquals(5, p.entries());
        assertEquals(1, p.deletions());
        assertEquals(5, p.smallestSequence());
        assertEquals(30, p.largestSequence());
        assertArrayEquals(InternalKey.encode(bytes("apple"), 30, EntryKind.SET), p.smallestKey());
        assertArrayEquals(InternalKey.encode(bytes("cherry"), 5, EntryKind.SET), p.largestKey());
        assertEquals("leveldb.BytewiseComparator", p.comparator());
        assertEquals(5, p.formatVersion());
        assertEquals(ChecksumType.CRC32C, p.checksumType());
    }

    @Test
    void anEmptyTableHasNoEntries() {
        SstReader reader = SstReader.open("empty", Tables.write(new TreeMap<>(Arrays::compareUnsigned),
                SstWriterOptions.defaults()));
        assertEquals(0, reader.properties().entries());
        assertNull(reader.properties().smallestKey());
        assertNull(reader.get(seg(bytes("x"))));
        SstIterator it = reader.iterator();
        it.seekToFirst();
        assertFalse(it.isValid());
    }

    @Test
    void writerRejectsKeysOutOfOrder() {
        try (SstWriter writer = SstWriter.toMemory(new SegmentOutputStream(), SstWriterOptions.defaults())) {
            writer.put(seg(bytes("b")), 5, seg(bytes("v")));
            IllegalArgumentException before = assertThrows(IllegalArgumentException.class,
                    () -> writer.put(seg(bytes("a")), 9, seg(bytes("v"))));
            assertTrue(before.getMessage().contains("out of order"), before.getMessage());
            assertThrows(IllegalArgumentException.class, () -> writer.put(seg(bytes("b")), 6, seg(bytes("v"))));
            IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class,
                    () -> writer.put(seg(bytes("b")), 5, seg(bytes("v"))));
            assertTrue(duplicate.getMessage().contains("duplicate"), duplicate.getMessage());
            writer.put(seg(bytes("b")), 4, seg(bytes("older")));
            writer.finish();
            assertThrows(IllegalStateException.class, () -> writer.put(seg(bytes("c")), 1, seg(bytes("v"))));
        }
    }

    @Test
    void writerRejectsSequencesBeyond56Bits() {
        try (SstWriter writer = SstWriter.toMemory(new SegmentOutputStream(), SstWriterOptions.defaults())) {
            assertThrows(IllegalArgumentException.class, () -> writer.put(seg(bytes("a")), 1L << 56, seg(bytes("v"))));
        }
    }

    /** Random tables against a TreeMap: every present key found, every absent key not. */
    @ParameterizedTest(name = "block size {0}")
    @ValueSource(ints = {4 << 10, 16 << 10, 64 << 10})
    void everyBlockSizeAnswersLikeASortedMap(int blockSize) {
        for (Compression compression : Compression.values()) {
            TreeMap<byte[], byte[]> entries = Tables.randomEntries(blockSize, 20_000, 20, 120);
            SstWriterOptions options = SstWriterOptions.defaults().withBlockSize(blockSize).withCompression(compression);
            SstReader reader = SstReader.open("random", Tables.write(entries, options));
            for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
                assertArrayEquals(e.getValue(), bytes(reader.get(seg(e.getKey())).value()));
            }
            Random random = new Random(blockSize);
            SstIterator it = reader.iterator();
            for (int i = 0; i < 2_000; i++) {
                byte[] probe = new byte[random.nextInt(20)];
                random.nextBytes(probe);
                Version v = reader.get(seg(probe));
                assertEquals(entries.containsKey(probe), v != null);
                byte[] ceiling = entries.ceilingKey(probe);
                it.seekGE(seg(probe));
                assertEquals(ceiling != null, it.isValid());
                if (ceiling != null) {
                    assertArrayEquals(ceiling, bytes(it.userKey()));
                }
            }
        }
    }

    /**
     * Values whose lengths straddle the one- and two-byte varints a seek decodes fast, and beyond;
     * read from a mapped table (restart array searched) and through a block cache (restart points
     * decoded), by get and by seek.
     */
    @ParameterizedTest(name = "values of {0} bytes")
    @ValueSource(ints = {0, 1, 127, 128, 129, 1000, 1023, 1024, 16383, 16384, 20000})
    void valuesOfEveryLengthClassAreFoundBySeekAndGet(int valueLength) {
        TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
        Random random = new Random(valueLength);
        for (int i = 0; i < 200; i++) {
            byte[] value = new byte[valueLength];
            random.nextBytes(value);
            entries.put(Tables.counterKey(3L * i), value);
        }
        MemorySegment table = Tables.write(entries, SstWriterOptions.defaults().withBlockSize(4 << 10));
        for (SstReader reader : new SstReader[] {SstReader.open("plain", table),
                SstReader.open(SstSource.of("cached", table), new LruBlockCache(1 << 20), 1)}) {
            SstIterator it = reader.iterator();
            for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
                assertArrayEquals(e.getValue(), bytes(reader.get(seg(e.getKey())).value()));
                it.seekGE(seg(e.getKey()));
                assertArrayEquals(e.getKey(), bytes(it.userKey()));
            }
            assertNull(reader.get(seg(Tables.counterKey(1))), "between two keys");
        }
    }

    /**
     * Keys alike in their first 24 bytes, so the restart index of a remembered block (16-byte
     * prefixes) ties at every restart point and the search must fall back to the full keys; each
     * block is searched many times, first to build the index and then through it.
     */
    @Test
    void restartPointsThatTieOnTheirIndexedPrefixSearchTheFullKeys() {
        TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
        for (int i = 0; i < 3_000; i++) {
            byte[] key = new byte[26 + i % 3];
            Arrays.fill(key, 0, 24, (byte) 'p');
            key[24] = (byte) (i >> 7);
            key[25] = (byte) ((i & 127) * 2);
            entries.put(key, bytes("v" + i));
        }
        SstWriterOptions options = SstWriterOptions.defaults().withBlockSize(1024).withRestartInterval(4);
        SstReader reader = SstReader.open("ties", Tables.write(entries, options));
        SstIterator it = reader.iterator();
        for (int pass = 0; pass < 2; pass++) {
            for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
                assertArrayEquals(e.getValue(), bytes(reader.get(seg(e.getKey())).value()));
                byte[] between = Arrays.copyOf(e.getKey(), e.getKey().length);
                between[25]++; // odd bytes are absent: between this key and the next
                assertNull(reader.get(seg(between)));
                it.seekGE(seg(between));
                byte[] ceiling = entries.ceilingKey(between);
                assertEquals(ceiling != null, it.isValid());
                if (ceiling != null) {
                    assertArrayEquals(ceiling, bytes(it.userKey()));
                }
            }
        }
    }

    @Test
    void keysOfOnlyZeroAndFfBytesAndPrefixesOfEachOther() {
        TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
        for (int length = 0; length < 300; length++) {
            byte[] zeros = new byte[length];
            byte[] ffs = new byte[length];
            Arrays.fill(ffs, (byte) 0xFF);
            entries.put(zeros, bytes("z" + length));
            entries.put(ffs, bytes("f" + length));
        }
        SstReader reader = SstReader.open("edges", Tables.write(entries, SstWriterOptions.defaults().withBlockSize(64)));
        assertTrue(reader.properties().dataBlocks() > 10);
        for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
            assertArrayEquals(e.getValue(), bytes(reader.get(seg(e.getKey())).value()));
        }
        SstIterator it = reader.iterator();
        int n = 0;
        for (it.seekToFirst(); it.isValid(); it.next()) {
            n++;
        }
        assertEquals(entries.size(), n);
    }

    @Test
    void lz4StoresIncompressibleBlocksRaw() {
        TreeMap<byte[], byte[]> random = Tables.randomEntries(1, 500, 16, 1000);
        SstWriterOptions lz4 = SstWriterOptions.defaults().withCompression(Compression.LZ4);
        long rawSize = SstReader.open("r", Tables.write(random, SstWriterOptions.defaults())).properties().dataSize();
        assertEquals(rawSize, SstReader.open("l", Tables.write(random, lz4)).properties().dataSize());

        TreeMap<byte[], byte[]> repetitive = new TreeMap<>(Arrays::compareUnsigned);
        for (int i = 0; i < 500; i++) {
            repetitive.put(Tables.counterKey(i), new byte[1000]);
        }
        long plain = SstReader.open("r", Tables.write(repetitive, SstWriterOptions.defaults())).properties().dataSize();
        long compressed = SstReader.open("l", Tables.write(repetitive, lz4)).properties().dataSize();
        assertTrue(compressed * 5 < plain, compressed + " vs " + plain);
    }

    @Test
    void blockCacheServesRepeatedReadsWithoutTheSource() {
        TreeMap<byte[], byte[]> entries = Tables.randomEntries(5, 2_000, 16, 100);
        MemorySegment table = Tables.write(entries, SstWriterOptions.defaults().withCompression(Compression.LZ4));
        AtomicInteger reads = new AtomicInteger();
        SstSource counting = new SstSource() {
            @Override
            public String name() {
                return "counted";
            }

            @Override
            public long size() {
                return table.byteSize();
            }

            @Override
            public MemorySegment read(long offset, long length) {
                reads.incrementAndGet();
                byte[] copy = new byte[(int) length];
                MemorySegment.copy(table, java.lang.foreign.ValueLayout.JAVA_BYTE, offset, copy, 0, (int) length);
                return MemorySegment.ofArray(copy);
            }
        };
        LruBlockCache cache = new LruBlockCache(1 << 20);
        SstReader reader = SstReader.open(counting, cache);
        byte[] key = entries.firstKey();
        reader.get(seg(key));
        int afterFirst = reads.get();
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(entries.firstEntry().getValue(), bytes(reader.get(seg(key)).value()));
        }
        assertEquals(afterFirst, reads.get());
        assertTrue(cache.sizeBytes() > 0);
    }

    @Test
    void readersOpenedWithTheSameTableIdShareCachedBlocks() {
        TreeMap<byte[], byte[]> entries = Tables.randomEntries(6, 500, 16, 100);
        MemorySegment table = Tables.write(entries, SstWriterOptions.defaults().withCompression(Compression.LZ4));
        LruBlockCache cache = new LruBlockCache(1 << 20);
        SstReader first = SstReader.open(SstSource.of("t", table), cache, 7);
        first.get(seg(entries.firstKey()));
        long cached = cache.sizeBytes();
        SstReader second = SstReader.open(SstSource.of("t", table), cache, 7);
        second.get(seg(entries.firstKey()));
        assertEquals(cached, cache.sizeBytes());
        assertThrows(IllegalArgumentException.class, () -> SstReader.open(SstSource.of("t", table), cache, -1));
    }

    @Test
    void mayContainRejectsMostAbsentKeys() {
        TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
        for (int i = 0; i < 10_000; i++) {
            entries.put(Tables.counterKey(2L * i), new byte[1]);
        }
        SstReader reader = SstReader.open("f", Tables.write(entries, SstWriterOptions.defaults()));
        assertTrue(reader.hasFilter());
        int maybe = 0;
        for (int i = 0; i < 10_000; i++) {
            assertTrue(reader.mayContain(seg(Tables.counterKey(2L * i))));
            if (reader.mayContain(seg(Tables.counterKey(2L * i + 1)))) {
                maybe++;
            }
        }
        assertTrue(maybe < 300, maybe + " of 10000 absent keys passed the filter");
    }

    @Test
    void tablesWithoutFilterAnswerAllKeysMaybe() {
        TreeMap<byte[], byte[]> entries = Tables.randomEntries(2, 100, 8, 8);
        SstReader reader = SstReader.open("nf", Tables.write(entries, SstWriterOptions.defaults().withBloomBitsPerKey(0)));
        assertFalse(reader.hasFilter());
        assertTrue(reader.mayContain(seg(bytes("anything"))));
        assertNull(reader.get(seg(bytes("absent-key-longer-than-eight"))));
    }
}
