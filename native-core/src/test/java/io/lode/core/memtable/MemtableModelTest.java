package io.lode.core.memtable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.core.key.EntryKind;
import io.lode.core.key.InternalKeyTrailer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The memtable behaves exactly like a sorted map of internal keys (the model is a {@link TreeMap}). */
class MemtableModelTest {
    /** An internal key of the model. */
    record Key(byte[] userKey, long trailer) {
        Key(byte[] userKey, long sequence, EntryKind kind) {
            this(userKey, InternalKeyTrailer.of(sequence, kind));
        }

        /** The probe that {@code seekGE(userKey, readSequence)} means. */
        static Key seekTarget(byte[] userKey, long readSequence) {
            return new Key(userKey, InternalKeyTrailer.seekTarget(readSequence));
        }

        long sequence() {
            return InternalKeyTrailer.sequence(trailer);
        }

        EntryKind kind() {
            return InternalKeyTrailer.kind(trailer);
        }
    }

    static final Comparator<Key> INTERNAL_ORDER = (a, b) -> {
        int c = Arrays.compareUnsigned(a.userKey(), b.userKey());
        return c != 0 ? c : InternalKeyTrailer.compare(a.trailer(), b.trailer());
    };

    /**
     * Keys of 0 to 10 bytes over a tiny alphabet: equal keys, prefixes, 0x00 and 0xFF are common, and
     * lengths straddle the 8-byte prefix the skiplist compares first.
     */
    static byte[] randomKey(Random rnd) {
        byte[] alphabet = {0x00, 0x01, (byte) 0x80, (byte) 0xFF};
        byte[] key = new byte[rnd.nextBoolean() ? rnd.nextInt(4) : rnd.nextInt(11)];
        for (int i = 0; i < key.length; i++) {
            key[i] = alphabet[rnd.nextInt(alphabet.length)];
        }
        return key;
    }

    static MemorySegment segment(byte[] bytes) {
        return MemorySegment.ofArray(bytes);
    }

    static byte[] bytes(MemorySegment segment) {
        return segment.toArray(ValueLayout.JAVA_BYTE);
    }

    @Test
    void randomPutsAndDeletesOfSeveralVersionsAgreeWithTreeMap() {
        for (long seed = 1; seed <= 3; seed++) {
            runModel(new Random(seed), 20_000);
        }
    }

    private void runModel(Random rnd, int operations) {
        TreeMap<Key, byte[]> model = new TreeMap<>(INTERNAL_ORDER);
        // Sequences are unique but arrive out of order, as they do from concurrent writers.
        List<Long> sequences = new ArrayList<>();
        for (long s = 0; s < operations; s++) {
            sequences.add(s * 3 + rnd.nextInt(3));
        }
        Collections.shuffle(sequences, rnd);
        try (Memtable memtable = Memtable.create(8 << 20)) {
            for (int i = 0; i < operations; i++) {
                byte[] userKey = randomKey(rnd);
                long sequence = sequences.get(i);
                if (rnd.nextInt(4) == 0) {
                    assertEquals(InsertResult.INSERTED, memtable.delete(segment(userKey), sequence));
                    model.put(new Key(userKey, sequence, EntryKind.DELETE), new byte[0]);
                } else {
                    byte[] value = new byte[rnd.nextInt(40)];
                    rnd.nextBytes(value);
                    assertEquals(InsertResult.INSERTED, memtable.put(segment(userKey), sequence, segment(value)));
                    model.put(new Key(userKey, sequence, EntryKind.SET), value);
                }
            }
            assertEquals(model.size(), memtable.entryCount());

            MemtableIterator it = memtable.iterator();
            it.seekToFirst();
            for (Map.Entry<Key, byte[]> expected : model.entrySet()) {
                assertTrue(it.isValid());
                assertEntry(expected, it);
                it.next();
            }
            assertFalse(it.isValid());

            var expectedEntries = model.entrySet().iterator();
            memtable.forEachInOrder((internalKey, value) -> {
                Map.Entry<Key, byte[]> expected = expectedEntries.next();
                byte[] key = bytes(internalKey);
                assertArrayEquals(expected.getKey().userKey(), Arrays.copyOf(key, key.length - InternalKeyTrailer.BYTES));
                assertEquals(expected.getKey().trailer(), internalKey.get(
                        java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN),
                        key.length - InternalKeyTrailer.BYTES));
                assertArrayEquals(expected.getValue(), bytes(value));
            });
            assertFalse(expectedEntries.hasNext());

            long maxSequence = 3L * operations + 3;
            for (int i = 0; i < 5_000; i++) {
                byte[] userKey = randomKey(rnd);
                long readSequence = rnd.nextInt(10) == 0 ? InternalKeyTrailer.MAX_SEQUENCE : rnd.nextLong(maxSequence);

                Map.Entry<Key, byte[]> ceiling = model.ceilingEntry(Key.seekTarget(userKey, readSequence));
                it.seekGE(segment(userKey), readSequence);
                if (ceiling == null) {
                    assertFalse(it.isValid());
                } else {
                    assertTrue(it.isValid());
                    assertEntry(ceiling, it);
                }

                MemtableEntry found = memtable.get(segment(userKey), readSequence);
                if (ceiling == null || !Arrays.equals(ceiling.getKey().userKey(), userKey)) {
                    assertNull(found);
                } else {
                    assertEquals(ceiling.getKey().sequence(), found.sequence());
                    assertEquals(ceiling.getKey().kind(), found.kind());
                    assertArrayEquals(ceiling.getValue(), bytes(found.value()));
                }
            }
        }
    }

    private static void assertEntry(Map.Entry<Key, byte[]> expected, MemtableIterator it) {
        assertArrayEquals(expected.getKey().userKey(), bytes(it.userKey()));
        assertEquals(expected.getKey().sequence(), it.sequence());
        assertEquals(expected.getKey().kind(), it.kind());
        assertArrayEquals(expected.getValue(), bytes(it.value()));
    }
}
