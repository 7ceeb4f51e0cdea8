package io.lode.core.memtable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.core.key.EntryKind;
import io.lode.core.key.InternalKeyTrailer;
import io.lode.core.memory.Layouts;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MemtableEdgeCaseTest {
    private static final long MAX = InternalKeyTrailer.MAX_SEQUENCE;

    private static MemorySegment segment(byte... bytes) {
        return MemorySegment.ofArray(bytes);
    }

    private static byte[] bytes(MemorySegment segment) {
        return segment.toArray(ValueLayout.JAVA_BYTE);
    }

    @Test
    void emptyKeyIsAnOrdinaryKeyThatSortsFirst() {
        try (Memtable memtable = Memtable.create(1 << 20)) {
            memtable.put(segment((byte) 0x00), 1, segment((byte) 'b'));
            memtable.put(segment(), 2, segment((byte) 'a'));

            assertArrayEquals(new byte[] {'a'}, bytes(memtable.get(segment(), MAX).value()));
            MemtableIterator it = memtable.iterator();
            it.seekToFirst();
            assertEquals(0, it.userKey().byteSize());
            it.next();
            assertArrayEquals(new byte[] {0x00}, bytes(it.userKey()));
        }
    }

    @Test
    void keysOf64KiBAreStoredComparedAndFoundWhole() {
        byte[] base = new byte[64 << 10];
        new Random(5).nextBytes(base);
        try (Memtable memtable = Memtable.create(4 << 20)) {
            // Keys that differ only in their last byte force full-length comparisons.
            for (int last = 9; last >= 0; last--) {
                byte[] key = base.clone();
                key[key.length - 1] = (byte) last;
                assertEquals(InsertResult.INSERTED, memtable.put(segment(key), last, segment((byte) last)));
            }
            MemtableIterator it = memtable.iterator();
            it.seekToFirst();
            for (int last = 0; last <= 9; last++) {
                byte[] key = base.clone();
                key[key.length - 1] = (byte) last;
                assertArrayEquals(key, bytes(it.userKey()));
                assertArrayEquals(new byte[] {(byte) last}, bytes(memtable.get(segment(key), MAX).value()));
                it.next();
            }
            assertFalse(it.isValid());
        }
    }

    @Test
    void emptyValueIsAValueNotADeletion() {
        try (Memtable memtable = Memtable.create(1 << 20)) {
            memtable.put(segment((byte) 'k'), 7, segment());
            memtable.delete(segment((byte) 'd'), 8);

            MemtableEntry empty = memtable.get(segment((byte) 'k'), MAX);
            assertEquals(EntryKind.SET, empty.kind());
            assertFalse(empty.isDeletion());
            assertEquals(0, empty.value().byteSize());
            MemtableEntry tombstone = memtable.get(segment((byte) 'd'), MAX);
            assertTrue(tombstone.isDeletion());
            assertEquals(8, tombstone.sequence());
        }
    }

    @Test
    void anEntryThatCanNeverFitIsRejectedWithItsSizes() {
        try (Memtable memtable = Memtable.create(1 << 20)) {
            MemorySegment hugeValue = MemorySegment.ofArray(new byte[2 << 20]);
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> memtable.put(segment((byte) 'k'), 1, hugeValue));
            assertTrue(e.getMessage().contains("1-byte key"), e.getMessage());
            assertTrue(e.getMessage().contains(2097152 + "-byte value"), e.getMessage());
            assertTrue(e.getMessage().contains(1048576 + "-byte memtable"), e.getMessage());
            assertEquals(0, memtable.entryCount());
            assertEquals(NodeLayout.HEAD_BYTES, memtable.allocatedBytes());
        }
    }

    @Test
    void arenaFillsToTheLastByteThenSignalsFull() {
        int keyLength = 16;
        int valueLength = 100;
        long perEntry = NodeLayout.footprint(keyLength, valueLength, 1);
        int entries = 1_000;
        long capacity = NodeLayout.HEAD_BYTES + entries * perEntry;
        try (Memtable memtable = new Memtable(capacity, 1)) {
            for (int i = 0; i < entries; i++) {
                assertEquals(InsertResult.INSERTED, memtable.put(key(keyLength, i), i, value(valueLength)));
            }
            assertEquals(capacity, memtable.allocatedBytes());
            assertEquals(InsertResult.FULL, memtable.put(segment(), entries, segment()));
            assertEquals(entries, memtable.entryCount());
            assertEquals(entries, count(memtable));
        }
    }

    @Test
    void nodesAndValuesMeetInTheMiddleOfAnArenaOfOddSize() {
        // Nodes grow up from the head, values down from the capacity rounded down to 8 bytes; a mix
        // of entries with and without values must fill that exactly and read back intact.
        long perValued = NodeLayout.footprint(8, 30, 1);
        long perEmpty = NodeLayout.footprint(8, 0, 1);
        int pairs = 200;
        long usable = NodeLayout.HEAD_BYTES + pairs * (perValued + perEmpty);
        try (Memtable memtable = new Memtable(usable + 5, 1)) {
            for (int i = 0; i < pairs; i++) {
                MemorySegment value = MemorySegment.ofArray(new byte[30]).fill((byte) i);
                assertEquals(InsertResult.INSERTED, memtable.put(key(8, 2 * i), i, value));
                assertEquals(InsertResult.INSERTED, memtable.put(key(8, 2 * i + 1), i, segment()));
            }
            assertEquals(usable, memtable.allocatedBytes());
            assertEquals(InsertResult.FULL, memtable.put(segment(), 0, segment()));
            for (int i = 0; i < pairs; i++) {
                MemorySegment value = memtable.get(key(8, 2 * i), i).value();
                assertEquals(30, value.byteSize());
                assertEquals(-1, value.mismatch(MemorySegment.ofArray(new byte[30]).fill((byte) i)));
                assertEquals(0, memtable.get(key(8, 2 * i + 1), i).value().byteSize());
            }
        }
    }

    @Test
    void aRefusedLargeEntryLeavesTheTailForASmallerOne() {
        long small = NodeLayout.footprint(0, 0, 1);
        long large = NodeLayout.footprint(4, 200, 1);
        long capacity = NodeLayout.HEAD_BYTES + 100 * large + small;
        try (Memtable memtable = new Memtable(capacity, 1)) {
            for (int i = 0; i < 100; i++) {
                assertEquals(InsertResult.INSERTED, memtable.put(key(4, i), i, value(200)));
            }
            assertEquals(InsertResult.FULL, memtable.put(key(4, 100), 100, value(200)));
            assertEquals(InsertResult.INSERTED, memtable.put(segment(), 101, segment()));
            assertEquals(capacity, memtable.allocatedBytes());
            assertEquals(InsertResult.FULL, memtable.put(segment(), 102, segment()));
            assertEquals(101, count(memtable));
        }
    }

    @Test
    void keysWithZeroAndFFBytesSortUnsignedWithPrefixesFirst() {
        byte[][] ordered = {
            {}, {0x00}, {0x00, 0x00}, {0x00, (byte) 0xFF}, {0x01}, {0x7F}, {(byte) 0x80},
            {(byte) 0xFF}, {(byte) 0xFF, 0x00}, {(byte) 0xFF, (byte) 0xFF}
        };
        List<byte[]> shuffled = new ArrayList<>(Arrays.asList(ordered));
        Collections.shuffle(shuffled, new Random(3));
        try (Memtable memtable = Memtable.create(1 << 20)) {
            long sequence = 1;
            for (byte[] key : shuffled) {
                memtable.put(segment(key), sequence++, segment(key));
            }
            MemtableIterator it = memtable.iterator();
            it.seekToFirst();
            for (byte[] key : ordered) {
                assertArrayEquals(key, bytes(it.userKey()));
                assertArrayEquals(key, bytes(memtable.get(segment(key), MAX).value()));
                it.next();
            }
            assertFalse(it.isValid());
            assertNull(memtable.get(segment((byte) 0xFF, (byte) 0xFF, (byte) 0xFF), MAX));
        }
    }

    @Test
    void versionsOrderNewestFirstAndReadsSeeOnlyTheirSnapshot() {
        try (Memtable memtable = Memtable.create(1 << 20)) {
            MemorySegment key = segment((byte) 'k');
            memtable.put(key, 10, segment((byte) 1));
            memtable.delete(key, 20);
            memtable.put(key, 30, segment((byte) 3));

            assertNull(memtable.get(key, 9));
            assertEquals(10, memtable.get(key, 19).sequence());
            assertTrue(memtable.get(key, 20).isDeletion());
            assertEquals(30, memtable.get(key, MAX).sequence());

            MemtableIterator it = memtable.iterator();
            it.seekGE(key, 25);
            assertEquals(20, it.sequence());
            it.next();
            assertEquals(10, it.sequence());
            it.next();
            assertFalse(it.isValid());
            assertThrows(NoSuchElementException.class, it::next);
        }
    }

    @Test
    void internalKeyIsTheUserKeyFollowedByTheLittleEndianTrailer() {
        try (Memtable memtable = Memtable.create(1 << 20)) {
            memtable.put(segment((byte) 'a', (byte) 'b'), 0x0102030405L, segment((byte) 'v'));
            MemtableIterator it = memtable.iterator();
            it.seekToFirst();
            MemorySegment internalKey = it.internalKey();
            assertEquals(10, internalKey.byteSize());
            assertArrayEquals(new byte[] {'a', 'b'}, bytes(internalKey.asSlice(0, 2)));
            assertEquals((0x0102030405L << 8) | 1, internalKey.get(Layouts.U64_LE, 2));
        }
    }

    @Test
    void theSameInternalKeyTwiceIsADuplicateButAnotherKindIsNot() {
        try (Memtable memtable = Memtable.create(1 << 20)) {
            MemorySegment key = segment((byte) 'k');
            assertEquals(InsertResult.INSERTED, memtable.put(key, 5, segment((byte) 1)));
            assertEquals(InsertResult.DUPLICATE, memtable.put(key, 5, segment((byte) 2)));
            assertEquals(InsertResult.INSERTED, memtable.delete(key, 5));
            assertEquals(2, memtable.entryCount());
            // At one sequence number the SET (kind 1) has the larger trailer, so it is the newer.
            assertEquals(EntryKind.SET, memtable.get(key, 5).kind());
            assertArrayEquals(new byte[] {1}, bytes(memtable.get(key, 5).value()));
        }
    }

    @Test
    void invalidArgumentsAreRejected() {
        try (Memtable memtable = Memtable.create(1 << 20)) {
            MemorySegment key = segment((byte) 'k');
            assertThrows(IllegalArgumentException.class, () -> memtable.put(key, -1, segment()));
            assertThrows(IllegalArgumentException.class, () -> memtable.put(key, MAX + 1, segment()));
            assertThrows(IllegalArgumentException.class,
                    () -> memtable.add(key, 1, EntryKind.DELETE, segment((byte) 1)));
            assertEquals(0, memtable.entryCount());
        }
        assertThrows(IllegalArgumentException.class, () -> Memtable.create(64));
        // Links address the arena in 32 bits of 8-byte units.
        IllegalArgumentException tooBig =
                assertThrows(IllegalArgumentException.class, () -> Memtable.create((32L << 30) + 8));
        assertTrue(tooBig.getMessage().contains("32 GiB"), tooBig.getMessage());
    }

    private static MemorySegment key(int length, int i) {
        MemorySegment key = MemorySegment.ofArray(new byte[length]);
        key.set(Layouts.U32_BE, 0, i);
        return key;
    }

    private static MemorySegment value(int length) {
        return MemorySegment.ofArray(new byte[length]);
    }

    private static int count(Memtable memtable) {
        int n = 0;
        MemtableIterator it = memtable.iterator();
        for (it.seekToFirst(); it.isValid(); it.next()) {
            n++;
        }
        return n;
    }
}
