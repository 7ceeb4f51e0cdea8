package io.lode.sst;

import static io.lode.sst.Tables.bytes;
import static io.lode.sst.Tables.seg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lode.sst.format.ChecksumType;
import io.lode.sst.format.SstCorruptionException.Kind;
import io.lode.sst.format.SstCorruptionException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged tables: every read either fails with {@link SstCorruptionException} naming the table, or
 * returns exactly what the undamaged table returns. Never another exception, never a wrong answer.
 */
class CorruptionTest {
    private static final TreeMap<byte[], byte[]> ENTRIES = Tables.randomEntries(42, 40, 12, 30);
    private static final List<byte[]> PROBES = probes();

    private static List<byte[]> probes() {
        List<byte[]> probes = new ArrayList<>(ENTRIES.keySet());
        probes.add(bytes("absent"));
        probes.add(new byte[] {(byte) 0x7F, 1});
        return probes;
    }

    static Stream<Arguments> formats() {
        return Stream.of(Arguments.of(Compression.NONE, ChecksumType.CRC32C),
                Arguments.of(Compression.LZ4, ChecksumType.XXHASH64));
    }

    private static MemorySegment smallTable(Compression compression, ChecksumType checksum) {
        TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
        entries.putAll(ENTRIES);
        // Repetitive values so that LZ4 really compresses some blocks.
        for (int i = 0; i < 20; i++) {
            entries.put(bytes("rep" + i), new byte[40]);
        }
        return Tables.write(entries, SstWriterOptions.defaults().withBlockSize(256).withCompression(compression)
                .withChecksumType(checksum));
    }

    /** Everything a reader can answer about a table, as text; or the corruption it hit. */
    private static String answers(MemorySegment table) {
        StringBuilder s = new StringBuilder();
        SstReader reader = SstReader.open("damaged.sst", table);
        s.append(reader.properties().entries()).append('\n');
        SstIterator it = reader.iterator();
        for (it.seekToFirst(); it.isValid(); it.next()) {
            s.append(Arrays.toString(bytes(it.key()))).append('=').append(Arrays.toString(bytes(it.value())))
                    .append('\n');
        }
        for (byte[] probe : PROBES) {
            Version v = reader.get(seg(probe));
            s.append(v == null ? "-" : v.sequence() + " " + v.kind() + " " + Arrays.toString(bytes(v.value())))
                    .append('\n');
            it.seekGE(seg(probe));
            s.append(it.isValid() ? Arrays.toString(bytes(it.key())) : "end").append('\n');
        }
        return s.toString();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formats")
    void flippingAnyByteFailsCleanlyOrChangesNothing(Compression compression, ChecksumType checksum) {
        MemorySegment original = smallTable(compression, checksum);
        String expected = answers(original);
        long size = original.byteSize();
        int failures = 0;
        for (long i = 0; i < size; i++) {
            byte[] damaged = bytes(original);
            damaged[(int) i] ^= (byte) 0xA5;
            try {
                String actual = answers(seg(damaged));
                assertEquals(expected, actual, "flipping byte " + i + " changed an answer");
            } catch (SstCorruptionException e) {
                failures++;
                assertEquals("damaged.sst", e.source());
                assertTrue(e.offset() >= 0 && e.offset() < size, "offset " + e.offset() + " for byte " + i);
                assertTrue(e.getMessage().contains("damaged.sst"), e.getMessage());
            } catch (RuntimeException e) {
                fail("flipping byte " + i + " of " + size + " raised " + e, e);
            }
        }
        // Only footer padding can change without notice.
        assertTrue(failures >= size - 40, failures + " detected of " + size);
    }

    @Test
    void aFlippedDataByteIsAChecksumMismatchAtItsBlock() {
        TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
        entries.put(bytes("only"), bytes("one block"));
        MemorySegment table = Tables.write(entries, SstWriterOptions.defaults());
        byte[] damaged = bytes(table);
        damaged[3] ^= 1;
        SstReader reader = SstReader.open("one.sst", seg(damaged)); // opening reads no data block
        SstCorruptionException e = assertThrows(SstCorruptionException.class, () -> reader.get(seg(bytes("only"))));
        assertEquals(Kind.CHECKSUM_MISMATCH, e.kind());
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().startsWith("checksum mismatch in one.sst at offset 0"), e.getMessage());
        // A damaged block is never remembered as verified: it fails on every read.
        assertThrows(SstCorruptionException.class, () -> reader.get(seg(bytes("only"))));
    }

    @Test
    void aSourceThatReturnsAShortFooterIsCorruptionNotAnIndexError() {
        MemorySegment table = smallTable(Compression.NONE, ChecksumType.CRC32C);
        SstSource shortReads = new SstSource() {
            @Override
            public String name() {
                return "short.sst";
            }

            @Override
            public long size() {
                return table.byteSize();
            }

            @Override
            public MemorySegment read(long offset, long length) {
                return table.asSlice(offset, length / 2); // a store that returns fewer bytes than asked
            }
        };
        SstCorruptionException e = assertThrows(SstCorruptionException.class, () -> SstReader.open(shortReads, BlockCache.NONE));
        assertEquals(Kind.CORRUPTION, e.kind());
    }

    @Test
    void aBadMagicNumberIsCorruptionAtTheMagic() {
        MemorySegment table = smallTable(Compression.NONE, ChecksumType.CRC32C);
        byte[] damaged = bytes(table);
        damaged[damaged.length - 1] ^= 1;
        SstCorruptionException e = assertThrows(SstCorruptionException.class, () -> SstReader.open("m", seg(damaged)));
        assertEquals(Kind.CORRUPTION, e.kind());
        assertEquals(damaged.length - 8, e.offset());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formats")
    void truncatingAnywhereFailsCleanlyOnOpen(Compression compression, ChecksumType checksum) {
        MemorySegment table = smallTable(compression, checksum);
        for (long length = 0; length < table.byteSize(); length++) {
            MemorySegment truncated = table.asSlice(0, length);
            SstCorruptionException e = assertThrows(SstCorruptionException.class,
                    () -> SstReader.open("cut.sst", truncated), "truncated to " + length);
            assertEquals(Kind.CORRUPTION, e.kind());
        }
    }

    @Test
    void aTableCutAtABlockBoundaryWithAFooterAppendedFailsCleanly() {
        // A source that lies about its length: the old footer after a truncated body.
        MemorySegment table = smallTable(Compression.NONE, ChecksumType.CRC32C);
        long footerAt = table.byteSize() - 53;
        SstReader whole = SstReader.open("whole", table);
        for (long cut = 0; cut < footerAt; cut += 37) {
            byte[] spliced = new byte[(int) (cut + 53)];
            MemorySegment.copy(table, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, spliced, 0, (int) cut);
            MemorySegment.copy(table, java.lang.foreign.ValueLayout.JAVA_BYTE, footerAt, spliced, (int) cut, 53);
            assertThrows(SstCorruptionException.class, () -> answers(seg(spliced)), "cut at " + cut);
        }
        assertEquals(whole.properties().entries(), ENTRIES.size() + 20L);
    }

    @Test
    void everyEntryIsStillReadableFromTheUndamagedTable() {
        SstReader reader = SstReader.open("ok", smallTable(Compression.LZ4, ChecksumType.CRC32C));
        for (Map.Entry<byte[], byte[]> e : ENTRIES.entrySet()) {
            assertEquals(Arrays.toString(e.getValue()), Arrays.toString(bytes(reader.get(seg(e.getKey())).value())));
        }
    }
}
