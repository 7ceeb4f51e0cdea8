package io.lode.core.memtable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.core.key.EntryKind;
import io.lode.core.memory.UnsignedBytes;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@link Memtable#forEachInOrder} visits exactly what an iterator from the first entry visits, in the
 * same order, whatever the towers look like: the walk splits each level at the nodes of the level
 * four up and walks several segments at once, so towers of one level only, of every level, and of
 * random heights are all covered.
 */
class MemtableForEachInOrderTest {

    @Test
    void anEmptyMemtableVisitsNothing() {
        try (Memtable memtable = Memtable.create(1 << 20)) {
            List<byte[]> seen = visit(memtable);
            assertEquals(0, seen.size());
        }
    }

    @Test
    void visitsLikeTheIteratorWithRandomTowers() {
        for (int entries : new int[] {1, 2, 15, 16, 17, 1_000, 200_000}) {
            try (Memtable memtable = Memtable.create(64 << 20)) {
                fill(memtable, entries, new Random(entries));
                assertSameAsIterator(memtable, entries);
            }
        }
    }

    @Test
    void visitsLikeTheIteratorWhenEveryTowerHasOneLevel() {
        try (Memtable memtable = new Memtable(16 << 20, 1)) {
            fill(memtable, 20_000, new Random(7));
            assertSameAsIterator(memtable, 20_000);
        }
    }

    @Test
    void visitsLikeTheIteratorWhenEveryTowerHasEveryLevel() {
        try (Memtable memtable = new Memtable(16 << 20, NodeLayout.MAX_HEIGHT)) {
            fill(memtable, 5_000, new Random(8));
            assertSameAsIterator(memtable, 5_000);
        }
    }

    @Test
    void tombstonesAndEmptyValuesComeOutEmpty() {
        try (Memtable memtable = Memtable.create(1 << 20)) {
            memtable.put(key(2), 1, MemorySegment.ofArray(new byte[0]));
            memtable.delete(key(1), 2);
            memtable.put(key(1), 1, MemorySegment.ofArray(new byte[] {42}));
            List<byte[]> values = new ArrayList<>();
            memtable.forEachInOrder((k, v) -> values.add(v.toArray(ValueLayout.JAVA_BYTE)));
            assertEquals(3, values.size());
            assertArrayEquals(new byte[0], values.get(0)); // key 1, sequence 2: the deletion first
            assertArrayEquals(new byte[] {42}, values.get(1));
            assertArrayEquals(new byte[0], values.get(2));
        }
    }

    @Test
    void duringInsertsVisitsEverythingInsertedBeforeInOrder() throws Exception {
        try (Memtable memtable = Memtable.create(64 << 20)) {
            Random rnd = new Random(9);
            int before = 50_000;
            fill(memtable, before, rnd);
            AtomicBoolean stop = new AtomicBoolean();
            Thread inserter = Thread.ofPlatform().start(() -> {
                Random r = new Random(10);
                for (long seq = 1_000_000; !stop.get() && seq < 1_200_000; seq++) {
                    memtable.put(key(r.nextLong()), seq, MemorySegment.ofArray(new byte[8]));
                }
            });
            try {
                List<byte[]> seen = visit(memtable);
                assertTrue(seen.size() >= before, "saw " + seen.size() + " of the " + before + " inserted before");
                for (int i = 1; i < seen.size(); i++) {
                    assertTrue(compareInternal(seen.get(i - 1), seen.get(i)) < 0, "out of order at " + i);
                }
                long firstBatch = seen.stream().filter(k -> sequenceOf(k) < 1_000_000).count();
                assertEquals(before, firstBatch);
            } finally {
                stop.set(true);
                inserter.join();
            }
        }
    }

    private static void fill(Memtable memtable, int entries, Random rnd) {
        for (int i = 0; i < entries; i++) {
            byte[] value = new byte[rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(200)];
            rnd.nextBytes(value);
            // Few distinct keys among many entries, so some have several versions.
            assertEquals(InsertResult.INSERTED, memtable.put(key(rnd.nextInt(Math.max(1, entries / 2))), i + 1,
                    MemorySegment.ofArray(value)));
        }
    }

    private static void assertSameAsIterator(Memtable memtable, int entries) {
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        memtable.forEachInOrder((k, v) -> {
            keys.add(k.toArray(ValueLayout.JAVA_BYTE));
            values.add(v.toArray(ValueLayout.JAVA_BYTE));
        });
        assertEquals(entries, keys.size());
        MemtableIterator it = memtable.iterator();
        it.seekToFirst();
        for (int i = 0; i < keys.size(); i++, it.next()) {
            assertArrayEquals(it.internalKey().toArray(ValueLayout.JAVA_BYTE), keys.get(i), "entry " + i);
            assertArrayEquals(it.value().toArray(ValueLayout.JAVA_BYTE), values.get(i), "value " + i);
        }
        assertTrue(!it.isValid());
    }

    private static List<byte[]> visit(Memtable memtable) {
        List<byte[]> keys = new ArrayList<>();
        memtable.forEachInOrder((k, v) -> keys.add(k.toArray(ValueLayout.JAVA_BYTE)));
        return keys;
    }

    private static MemorySegment key(long n) {
        return MemorySegment.ofArray(ByteBuffer.allocate(8).putLong(n).array());
    }

    private static long sequenceOf(byte[] internalKey) {
        long trailer = ByteBuffer.wrap(internalKey, internalKey.length - 8, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        return trailer >>> 8;
    }

    /** User key ascending, then trailer descending. */
    private static int compareInternal(byte[] a, byte[] b) {
        MemorySegment x = MemorySegment.ofArray(a);
        MemorySegment y = MemorySegment.ofArray(b);
        int c = UnsignedBytes.compare(x, 0, a.length - 8, y, 0, b.length - 8);
        if (c != 0) {
            return c;
        }
        return Long.compareUnsigned(trailerOf(b), trailerOf(a));
    }

    private static long trailerOf(byte[] internalKey) {
        return ByteBuffer.wrap(internalKey, internalKey.length - 8, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
