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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.EnvOptions;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileReader;
import org.rocksdb.SstFileReaderIterator;
import org.rocksdb.SstFileWriter;

/** Our tables read by RocksDB's SstFileReader, and RocksDB's SstFileWriter tables read by us. */
class RocksDbInteropTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void loadRocksDb() {
        RocksDB.loadLibrary();
    }

    static Stream<Arguments> formats() {
        return Stream.of(Compression.values())
                .flatMap(c -> Stream.of(ChecksumType.values()).map(t -> Arguments.of(c, t)));
    }

    private static org.rocksdb.ChecksumType rocksChecksum(ChecksumType type) {
        return type == ChecksumType.CRC32C ? org.rocksdb.ChecksumType.kCRC32c : org.rocksdb.ChecksumType.kxxHash64;
    }

    private Path writeFile(String name, Map<byte[], byte[]> entries, SstWriterOptions options) throws IOException {
        Path file = dir.resolve(name);
        MemorySegment table = Tables.write(entries, options);
        Files.write(file, bytes(table));
        return file;
    }

    /** Reads a file with RocksDB's SstFileReader (newest visible version of each key) into a map. */
    private static TreeMap<byte[], byte[]> readWithRocksDb(Path file) throws RocksDBException {
        TreeMap<byte[], byte[]> seen = new TreeMap<>(java.util.Arrays::compareUnsigned);
        try (Options options = new Options();
                SstFileReader reader = new SstFileReader(options);
                ReadOptions readOptions = new ReadOptions()) {
            reader.open(file.toString());
            reader.verifyChecksum();
            try (SstFileReaderIterator it = reader.newIterator(readOptions)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    seen.put(it.key(), it.value());
                }
                it.status();
            }
        }
        return seen;
    }

    private static void assertSameEntries(Map<byte[], byte[]> expected, Map<byte[], byte[]> actual) {
        assertEquals(expected.size(), actual.size(), "entry count");
        Iterator<Map.Entry<byte[], byte[]>> a = actual.entrySet().iterator();
        for (Map.Entry<byte[], byte[]> e : expected.entrySet()) {
            Map.Entry<byte[], byte[]> got = a.next();
            assertArrayEquals(e.getKey(), got.getKey());
            assertArrayEquals(e.getValue(), got.getValue());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formats")
    void rocksDbReadsTablesWhoseLaterEntriesWereBuiltAsParts(Compression compression, ChecksumType checksum)
            throws Exception {
        SstWriterOptions options = SstWriterOptions.defaults().withCompression(compression).withChecksumType(checksum);
        TreeMap<byte[], byte[]> entries = Tables.randomEntries(5, 3_000, 40, 300);
        Path file = dir.resolve("parts.sst");
        Files.write(file, bytes(Tables.writeInParts(entries, options, 1_000, 1_500, 2_999)));
        assertSameEntries(entries, readWithRocksDb(file));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formats")
    void rocksDbReadsEveryEntryOfOurTables(Compression compression, ChecksumType checksum) throws Exception {
        SstWriterOptions options = SstWriterOptions.defaults().withCompression(compression).withChecksumType(checksum);
        for (int count : new int[] {1, 2, 17, 3_000}) {
            TreeMap<byte[], byte[]> entries = Tables.randomEntries(count, count, 40, 300);
            Path file = writeFile("ours-" + count + ".sst", entries, options);
            assertSameEntries(entries, readWithRocksDb(file));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formats")
    void rocksDbReadsLongKeysEmptyValuesAndMegabyteValues(Compression compression, ChecksumType checksum)
            throws Exception {
        TreeMap<byte[], byte[]> entries = Tables.randomEntries(7, 200, 4096, 0);
        byte[] allFf = new byte[4096];
        java.util.Arrays.fill(allFf, (byte) 0xFF);
        entries.put(new byte[0], new byte[0]);
        entries.put(new byte[4096], new byte[1 << 20]);
        byte[] random = new byte[1 << 20];
        new java.util.Random(3).nextBytes(random);
        entries.put(allFf, random);
        SstWriterOptions options = SstWriterOptions.defaults().withCompression(compression).withChecksumType(checksum);
        Path file = writeFile("long.sst", entries, options);
        assertSameEntries(entries, readWithRocksDb(file));
        SstReader ours = SstReader.open("long.sst", Tables.write(entries, options));
        assertArrayEquals(random, bytes(ours.get(seg(allFf)).value()));
        assertEquals(0, ours.get(seg(new byte[0])).value().byteSize());
    }

    @Test
    void rocksDbReadsAMillionKeysWithLz4() throws Exception {
        TreeMap<byte[], byte[]> entries = new TreeMap<>(java.util.Arrays::compareUnsigned);
        byte[] value = new byte[20];
        for (int i = 0; i < 1_000_000; i++) {
            entries.put(Tables.counterKey(i * 7L), value);
        }
        Path file = writeFile("million.sst", entries, SstWriterOptions.defaults().withCompression(Compression.LZ4));
        try (Options options = new Options();
                SstFileReader reader = new SstFileReader(options);
                ReadOptions readOptions = new ReadOptions()) {
            reader.open(file.toString());
            assertEquals(1_000_000, reader.getTableProperties().getNumEntries());
            try (SstFileReaderIterator it = reader.newIterator(readOptions)) {
                Iterator<byte[]> expected = entries.keySet().iterator();
                int n = 0;
                for (it.seekToFirst(); it.isValid(); it.next(), n++) {
                    assertArrayEquals(expected.next(), it.key());
                }
                assertEquals(1_000_000, n);
                it.seek(Tables.counterKey(700_008)); // between keys 100_001 * 7 and 100_002 * 7
                assertArrayEquals(Tables.counterKey(700_014), it.key());
            }
        }
    }

    @Test
    void rocksDbConfiguredWithItsOwnBloomFilterIgnoresOurs() throws Exception {
        TreeMap<byte[], byte[]> entries = Tables.randomEntries(21, 2_000, 16, 50);
        Path file = writeFile("filtered.sst", entries, SstWriterOptions.defaults());
        try (org.rocksdb.BloomFilter bloom = new org.rocksdb.BloomFilter(10);
                Options options = new Options().setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(bloom));
                SstFileReader reader = new SstFileReader(options);
                ReadOptions readOptions = new ReadOptions()) {
            reader.open(file.toString());
            try (SstFileReaderIterator it = reader.newIterator(readOptions)) {
                for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
                    it.seek(e.getKey());
                    assertArrayEquals(e.getKey(), it.key());
                    assertArrayEquals(e.getValue(), it.value());
                }
            }
        }
    }

    @Test
    void rocksDbShowsTheNewestVersionAndHidesDeletedKeys() throws Exception {
        Path file = dir.resolve("versions.sst");
        try (SstWriter writer = SstWriter.toFile(file, SstWriterOptions.defaults())) {
            writer.put(seg(bytes("a")), 9, seg(bytes("a9")));
            writer.put(seg(bytes("a")), 5, seg(bytes("a5")));
            writer.delete(seg(bytes("b")), 8);
            writer.put(seg(bytes("b")), 3, seg(bytes("b3")));
            writer.put(seg(bytes("c")), 7, seg(bytes("c7")));
            writer.delete(seg(bytes("c")), 2);
            writer.delete(seg(bytes("d")), 1);
            writer.finish();
        }
        TreeMap<byte[], byte[]> seen = readWithRocksDb(file);
        assertEquals(2, seen.size());
        assertArrayEquals(bytes("a9"), seen.get(bytes("a")));
        assertArrayEquals(bytes("c7"), seen.get(bytes("c")));
        try (Options options = new Options(); SstFileReader reader = new SstFileReader(options)) {
            reader.open(file.toString());
            assertEquals(7, reader.getTableProperties().getNumEntries());
            assertEquals(3, reader.getTableProperties().getNumDeletions());
        }
    }

    private Path writeWithRocksDb(String name, Map<byte[], byte[]> puts, Iterable<byte[]> deletes,
            Compression compression, ChecksumType checksum, int blockSize) throws RocksDBException {
        Path file = dir.resolve(name);
        BlockBasedTableConfig table = new BlockBasedTableConfig().setFormatVersion(5)
                .setChecksumType(rocksChecksum(checksum)).setBlockSize(blockSize);
        TreeMap<byte[], byte[]> all = new TreeMap<>(java.util.Arrays::compareUnsigned);
        all.putAll(puts);
        for (byte[] d : deletes) {
            all.put(d, null);
        }
        try (Options options = new Options().setTableFormatConfig(table)
                        .setCompressionType(compression == Compression.LZ4 ? CompressionType.LZ4_COMPRESSION
                                : CompressionType.NO_COMPRESSION);
                EnvOptions env = new EnvOptions();
                SstFileWriter writer = new SstFileWriter(env, options)) {
            writer.open(file.toString());
            for (Map.Entry<byte[], byte[]> e : all.entrySet()) {
                if (e.getValue() == null) {
                    writer.delete(e.getKey());
                } else {
                    writer.put(e.getKey(), e.getValue());
                }
            }
            writer.finish();
        }
        return file;
    }

    private static MemorySegment map(Path file, Arena arena) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formats")
    void weReadEveryEntryOfRocksDbTables(Compression compression, ChecksumType checksum) throws Exception {
        TreeMap<byte[], byte[]> puts = Tables.randomEntries(11, 5_000, 64, 400);
        java.util.List<byte[]> deletes = java.util.List.of(bytes("zz-deleted-1"), bytes("zz-deleted-2"));
        Path file = writeWithRocksDb("rocks.sst", puts, deletes, compression, checksum, 4096);
        try (Arena arena = Arena.ofConfined()) {
            SstReader reader = SstReader.open(file.toString(), map(file, arena));
            assertEquals(checksum, reader.properties().checksumType());
            assertEquals(5_002, reader.properties().entries());
            assertFalse(reader.hasFilter());
            SstIterator it = reader.iterator();
            Iterator<Map.Entry<byte[], byte[]>> expected = puts.entrySet().iterator();
            int tombstones = 0;
            for (it.seekToFirst(); it.isValid(); it.next()) {
                if (it.kind() == EntryKind.DELETE) {
                    tombstones++;
                    continue;
                }
                Map.Entry<byte[], byte[]> e = expected.next();
                assertArrayEquals(e.getKey(), bytes(it.userKey()));
                assertArrayEquals(e.getValue(), bytes(it.value()));
            }
            assertFalse(expected.hasNext());
            assertEquals(2, tombstones);
            for (Map.Entry<byte[], byte[]> e : puts.entrySet()) {
                Version v = reader.get(seg(e.getKey()));
                assertArrayEquals(e.getValue(), bytes(v.value()));
            }
            assertTrue(reader.get(seg(bytes("zz-deleted-1"))).isTombstone());
            assertNull(reader.get(seg(bytes("zz-absent"))));
        }
    }

    @Test
    void weReadRocksDbTablesWithLargeBlocks() throws Exception {
        TreeMap<byte[], byte[]> puts = Tables.randomEntries(12, 20_000, 24, 100);
        Path file = writeWithRocksDb("rocks64k.sst", puts, java.util.List.of(), Compression.LZ4, ChecksumType.CRC32C,
                64 << 10);
        try (Arena arena = Arena.ofConfined()) {
            SstReader reader = SstReader.open(file.toString(), map(file, arena));
            for (Map.Entry<byte[], byte[]> e : puts.entrySet()) {
                assertArrayEquals(e.getValue(), bytes(reader.get(seg(e.getKey())).value()));
            }
            assertArrayEquals(puts.firstKey(), bytes(InternalKey.userKey(seg(reader.properties().smallestKey()))));
            assertArrayEquals(puts.lastKey(), bytes(InternalKey.userKey(seg(reader.properties().largestKey()))));
        }
    }
}
