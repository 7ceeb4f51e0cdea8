package io.lode.sst;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.core.key.EntryKind;
import io.lode.sst.format.ChecksumType;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A table whose later entries were built by other writers as parts and appended holds exactly what
 * one writer would have written: the same entries in order, the same counts, key and sequence
 * ranges, a filter that knows every key; only the block boundaries may differ (a part starts a block).
 */
class SstPartTest {
    private static final SstWriterOptions LZ4 = SstWriterOptions.defaults().withCompression(Compression.LZ4);

    @Test
    void partsMakeTheTableOneWriterMakes() {
        TreeMap<byte[], byte[]> entries = Tables.randomEntries(11, 5_000, 40, 300);
        for (SstWriterOptions options : new SstWriterOptions[] {LZ4, SstWriterOptions.defaults().withBlockSize(64),
                LZ4.withChecksumType(ChecksumType.XXHASH64)}) {
            TableProperties whole = SstReader.open("whole", Tables.write(entries, options)).properties();
            for (int[] cuts : new int[][] {{2_500}, {0}, {5_000}, {1}, {4_999}, {1_000, 2_000, 3_000, 4_000}, {0, 5_000}}) {
                SstReader reader = SstReader.open("parts", Tables.writeInParts(entries, options, cuts));
                Tables.assertSameEntries(entries, reader);
                TableProperties p = reader.properties();
                assertEquals(whole.entries(), p.entries());
                assertEquals(whole.rawKeySize(), p.rawKeySize());
                assertEquals(whole.rawValueSize(), p.rawValueSize());
                assertArrayEquals(whole.smallestKey(), p.smallestKey());
                assertArrayEquals(whole.largestKey(), p.largestKey());
                assertEquals(whole.smallestSequence(), p.smallestSequence());
                assertEquals(whole.largestSequence(), p.largestSequence());
                assertTrue(p.dataBlocks() >= whole.dataBlocks() && p.dataBlocks() <= whole.dataBlocks() + cuts.length);
                for (byte[] key : entries.keySet()) {
                    assertArrayEquals(entries.get(key), Tables.bytes(reader.get(Tables.seg(key)).value()));
                }
            }
        }
    }

    @Test
    void aPartCountsItsDeletionsAndVersions() {
        SegmentOutputStream out = new SegmentOutputStream();
        try (SstWriter writer = SstWriter.toMemory(out, LZ4)) {
            writer.put(Tables.seg(Tables.bytes("a")), 9, Tables.seg(Tables.bytes("new")));
            try (SstWriter part = SstWriter.forPart(LZ4, 1024)) {
                // The same user key again, older: a part may start in the middle of a key's versions.
                part.put(Tables.seg(Tables.bytes("a")), 3, Tables.seg(Tables.bytes("old")));
                part.delete(Tables.seg(Tables.bytes("b")), 5);
                writer.append(part.finishPart());
            }
            writer.put(Tables.seg(Tables.bytes("c")), 1, Tables.seg(Tables.bytes("after")));
            TableProperties p = writer.finish();
            assertEquals(4, p.entries());
            assertEquals(1, p.deletions());
            assertEquals(1, p.smallestSequence());
            assertEquals(9, p.largestSequence());
        }
        SstReader reader = SstReader.open("t", out.toSegment());
        assertArrayEquals(Tables.bytes("new"), Tables.bytes(reader.get(Tables.seg(Tables.bytes("a"))).value()));
        assertArrayEquals(Tables.bytes("old"), Tables.bytes(reader.get(Tables.seg(Tables.bytes("a")), 8).value()));
        assertEquals(EntryKind.DELETE, reader.get(Tables.seg(Tables.bytes("b"))).kind());
        assertArrayEquals(Tables.bytes("after"), Tables.bytes(reader.get(Tables.seg(Tables.bytes("c"))).value()));
    }

    @Test
    void aPartThatDoesNotComeAfterTheTableIsRefusedAndChangesNothing() {
        SegmentOutputStream out = new SegmentOutputStream();
        try (SstWriter writer = SstWriter.toMemory(out, LZ4)) {
            writer.put(Tables.seg(Tables.bytes("m")), 2, Tables.seg(Tables.bytes("v")));
            for (String first : new String[] {"a", "m"}) {
                try (SstWriter part = SstWriter.forPart(LZ4, 1024)) {
                    part.put(Tables.seg(Tables.bytes(first)), 2, Tables.seg(Tables.bytes("x")));
                    SstPart early = part.finishPart();
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> writer.append(early));
                    assertTrue(e.getMessage().contains("does not come after"), e.getMessage());
                }
            }
            writer.put(Tables.seg(Tables.bytes("z")), 1, Tables.seg(Tables.bytes("w")));
            assertEquals(2, writer.finish().entries());
        }
        TreeMap<byte[], byte[]> expected = new TreeMap<>(Arrays::compareUnsigned);
        expected.put(Tables.bytes("m"), Tables.bytes("v"));
        expected.put(Tables.bytes("z"), Tables.bytes("w"));
        Tables.assertSameEntries(expected, SstReader.open("t", out.toSegment()));
    }

    @Test
    void partsAndTablesAreFinishedTheirOwnWay() {
        try (SstWriter part = SstWriter.forPart(LZ4, 1024); SstWriter table = SstWriter.toMemory(new SegmentOutputStream(), LZ4)) {
            assertThrows(IllegalStateException.class, part::finish);
            assertThrows(IllegalStateException.class, table::finishPart);
            SstPart empty = part.finishPart();
            assertEquals(0, empty.entries());
            table.append(empty); // nothing to append
            assertEquals(0, table.finish().entries());
            assertThrows(IllegalStateException.class, () -> table.append(empty));
        }
    }

    @Test
    void aPartWithOtherChecksumsIsRefused() {
        try (SstWriter part = SstWriter.forPart(LZ4.withChecksumType(ChecksumType.XXHASH64), 1024);
                SstWriter table = SstWriter.toMemory(new SegmentOutputStream(), LZ4)) {
            part.put(Tables.seg(Tables.bytes("a")), 1, Tables.seg(Tables.bytes("v")));
            SstPart xxh = part.finishPart();
            assertThrows(IllegalArgumentException.class, () -> table.append(xxh));
        }
    }
}
