package io.lode.sst;

import io.lode.core.key.EntryKind;
import io.lode.sst.format.ChecksumType;
import io.lode.sst.format.InternalKey;
import io.lode.sst.format.SstCorruptionException;
import static io.lode.sst.Tables.bytes;
import static io.lode.sst.Tables.seg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    /** What we write: every compression with every checksum. */
    static Stream<Arguments> formats() {
        return Stream.of(Compression.values())
                .flatMap(c -> Stream.of(ChecksumType.values()).map(t -> Arguments.of(c, t)));
    }

    /** What RocksDB writes and we read: every format_version we read, compression and checksum. */
    static Stream<Arguments> rocksDbFormats() {
        return Stream.of(2, 5, 6, 7).flatMap(v -> Stream.of(Compression.values())
                .flatMap(c -> Stream.of(ChecksumType.values()).map(t -> Arguments.of(v, c, t))));
    }

    private static org.rocksdb.ChecksumType rocksChecksum(ChecksumType type) {
        return switch (type) {
            case CRC32C -> org.rocksdb.ChecksumType.kCRC32c;
            case XXHASH64 -> org.rocksdb.ChecksumType.kxxHash64;
            case XXH3 -> org.rocksdb.ChecksumType.kXXH3;
        };
    }

    private static CompressionType rocksCompression(Compression compression) {
        return switch (compression) {
            case NONE -> CompressionType.NO_COMPRESSION;
            case LZ4 -> CompressionType.LZ4_COMPRESSION;
            case ZSTD -> CompressionType.ZSTD_COMPRESSION;
        };
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
        return writeWithRocksDb(name, puts, deletes, new BlockBasedTableConfig().setFormatVersion(5)
                .setChecksumType(rocksChecksum(checksum)).setBlockSize(blockSize), rocksCompression(compression));
    }

    private Path writeWithRocksDb(String name, Map<byte[], byte[]> puts, Iterable<byte[]> deletes,
            BlockBasedTableConfig table, CompressionType compression) throws RocksDBException {
        Path file = dir.resolve(name);
        TreeMap<byte[], byte[]> all = new TreeMap<>(java.util.Arrays::compareUnsigned);
        all.putAll(puts);
        for (byte[] d : deletes) {
            all.put(d, null);
        }
        try (Options options = new Options().setTableFormatConfig(table).setCompressionType(compression);
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

    @ParameterizedTest(name = "format_version {0} {1} {2}")
    @MethodSource("rocksDbFormats")
    void weReadEveryEntryOfRocksDbTables(int formatVersion, Compression compression, ChecksumType checksum) throws Exception {
        TreeMap<byte[], byte[]> puts = Tables.compressibleEntries(11, 5_000, 64, 400);
        java.util.List<byte[]> deletes = java.util.List.of(bytes("zz-deleted-1"), bytes("zz-deleted-2"));
        Path file = writeWithRocksDb("rocks.sst", puts, deletes, new BlockBasedTableConfig().setFormatVersion(formatVersion)
                .setChecksumType(rocksChecksum(checksum)).setBlockSize(4096), rocksCompression(compression));
        assertReadsEveryEntry(file, puts, checksum, formatVersion);
    }

    @Test
    void weReadTablesRocksDbWritesWithItsDefaultOptions() throws Exception {
        TreeMap<byte[], byte[]> puts = Tables.compressibleEntries(13, 5_000, 64, 400);
        java.util.List<byte[]> deletes = java.util.List.of(bytes("zz-deleted-1"), bytes("zz-deleted-2"));
        BlockBasedTableConfig defaults = new BlockBasedTableConfig();
        Path file = writeWithRocksDb("defaults.sst", puts, deletes, defaults, new Options().compressionType());
        try (Arena arena = Arena.ofConfined()) {
            TableProperties p = SstReader.open(file.toString(), map(file, arena)).properties();
            assertEquals(defaults.formatVersion(), p.formatVersion(), "RocksDB's default format_version");
        }
        assertReadsEveryEntry(file, puts, ChecksumType.XXH3, defaults.formatVersion());
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(value = CompressionType.class, names = {"SNAPPY_COMPRESSION", "ZLIB_COMPRESSION"})
    void blocksCompressedAsWeDoNotDecompressAreUnsupportedNamingTheCompression(CompressionType compression) throws Exception {
        TreeMap<byte[], byte[]> puts = Tables.compressibleEntries(14, 2_000, 64, 400);
        Path file = writeWithRocksDb("other.sst", puts, java.util.List.of(), new BlockBasedTableConfig(), compression);
        try (Arena arena = Arena.ofConfined()) {
            SstCorruptionException e = assertThrows(SstCorruptionException.class, () -> {
                SstReader reader = SstReader.open(file.toString(), map(file, arena));
                for (byte[] key : puts.keySet()) {
                    reader.get(seg(key));
                }
            });
            assertEquals(SstCorruptionException.Kind.UNSUPPORTED, e.kind());
            String name = compression == CompressionType.SNAPPY_COMPRESSION ? "Snappy" : "Zlib";
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @Test
    void aPartitionedIndexIsUnsupportedNamingIt() throws Exception {
        TreeMap<byte[], byte[]> puts = Tables.compressibleEntries(15, 2_000, 64, 400);
        Path file = writeWithRocksDb("partitioned.sst", puts, java.util.List.of(), new BlockBasedTableConfig()
                .setIndexType(org.rocksdb.IndexType.kTwoLevelIndexSearch), CompressionType.LZ4_COMPRESSION);
        try (Arena arena = Arena.ofConfined()) {
            SstCorruptionException e = assertThrows(SstCorruptionException.class,
                    () -> SstReader.open(file.toString(), map(file, arena)));
            assertEquals(SstCorruptionException.Kind.UNSUPPORTED, e.kind());
            assertTrue(e.getMessage().contains("partitioned index"), e.getMessage());
        }
    }

    @Test
    void aFormatVersion7BlockMovedToAnotherOffsetNoLongerVerifies() throws Exception {
        TreeMap<byte[], byte[]> puts = Tables.compressibleEntries(16, 3_000, 16, 100);
        Path file = writeWithRocksDb("moved.sst", puts, java.util.List.of(), new BlockBasedTableConfig().setFormatVersion(7)
                .setBlockSize(4096), CompressionType.NO_COMPRESSION);
        byte[] bytes = Files.readAllBytes(file);
        try (Arena arena = Arena.ofConfined()) {
            SstReader reader = SstReader.open(file.toString(), MemorySegment.ofArray(bytes));
            long first = reader.blockOffset(0);
            long second = reader.blockOffset(1);
            int length = (int) (second - first);
            // The second block replaced by the first, trailer and all: its own checksum matches its
            // bytes, but not its new place, which format_version 6 adds to every checksum.
            byte[] moved = bytes.clone();
            System.arraycopy(bytes, (int) first, moved, (int) second, length);
            SstReader damaged = SstReader.open(file.toString(), MemorySegment.ofArray(moved));
            SstCorruptionException e = assertThrows(SstCorruptionException.class, () -> {
                for (byte[] key : puts.keySet()) {
                    damaged.get(seg(key));
                }
            });
            assertEquals(SstCorruptionException.Kind.CHECKSUM_MISMATCH, e.kind());
            byte[] footer = bytes.clone();
            footer[footer.length - 53 + 10] ^= 1; // the base context checksum
            assertEquals(SstCorruptionException.Kind.CHECKSUM_MISMATCH, assertThrows(SstCorruptionException.class,
                    () -> SstReader.open(file.toString(), MemorySegment.ofArray(footer))).kind());
        }
    }

    private void assertReadsEveryEntry(Path file, TreeMap<byte[], byte[]> puts, ChecksumType checksum, int formatVersion)
            throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            SstReader reader = SstReader.open(file.toString(), map(file, arena));
            assertEquals(checksum, reader.properties().checksumType());
            assertEquals(formatVersion, reader.properties().formatVersion());
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
