package io.lode.sst;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Test data and helpers shared by the SST tests. */
final class Tables {
    private Tables() {}

    static MemorySegment seg(byte[] bytes) {
        return MemorySegment.ofArray(bytes);
    }

    static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static byte[] bytes(MemorySegment s) {
        return s.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    /** Sorted user keys with values, each key distinct; keys mix 0x00 and 0xFF bytes. */
    static TreeMap<byte[], byte[]> randomEntries(long seed, int count, int maxKeyLength, int maxValueLength) {
        Random random = new Random(seed);
        TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
        while (entries.size() < count) {
            int keyLength = random.nextInt(maxKeyLength + 1);
            byte[] key = new byte[keyLength];
            for (int i = 0; i < keyLength; i++) {
                int r = random.nextInt(4);
                key[i] = r == 0 ? 0 : r == 1 ? (byte) 0xFF : (byte) random.nextInt(256);
            }
            byte[] value = new byte[random.nextInt(maxValueLength + 1)];
            random.nextBytes(value);
            entries.put(key, value);
        }
        return entries;
    }

    private static final String[] WORDS = {"the", "table", "block", "of", "keys", "and", "values", "stored",
        "in", "object", "storage", "lode", "reads", "writes", "compaction", "snapshot", "manifest", "a"};

    /**
     * {@link #randomEntries} with text-like values (words from a small vocabulary, about 3:1 with LZ4),
     * so that compressed blocks really are compressed.
     */
    static TreeMap<byte[], byte[]> compressibleEntries(long seed, int count, int maxKeyLength, int maxValueLength) {
        TreeMap<byte[], byte[]> entries = randomEntries(seed, count, maxKeyLength, maxValueLength);
        Random random = new Random(seed);
        for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
            StringBuilder text = new StringBuilder();
            int length = e.getValue().length;
            while (text.length() < length) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            e.setValue(text.substring(0, length).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return entries;
    }

    /** 16-byte big-endian counter keys, as in the benchmarks. */
    static byte[] counterKey(long i) {
        byte[] key = new byte[16];
        for (int b = 0; b < 8; b++) {
            key[15 - b] = (byte) (i >>> (8 * b));
        }
        key[0] = 'k';
        return key;
    }

    /** Writes all entries as SETs with sequence numbers counting up from 1 in key order. */
    static MemorySegment write(Map<byte[], byte[]> entries, SstWriterOptions options) {
        SegmentOutputStream out = new SegmentOutputStream();
        try (SstWriter writer = SstWriter.toMemory(out, options)) {
            long seq = 1;
            for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
                writer.put(seg(e.getKey()), seq++, seg(e.getValue()));
            }
            writer.finish();
        }
        return out.toSegment();
    }

    /**
     * Writes the same table as {@link #write}, but cut at {@code cuts} (entry indices, ascending):
     * the entries before the first cut are added to the table's writer, then the pieces between cuts
     * alternate between parts built by other writers ({@link SstWriter#forPart}) and appended, and
     * entries added directly.
     */
    static MemorySegment writeInParts(Map<byte[], byte[]> entries, SstWriterOptions options, int... cuts) {
        SegmentOutputStream out = new SegmentOutputStream();
        List<Map.Entry<byte[], byte[]>> list = new ArrayList<>(entries.entrySet());
        try (SstWriter writer = SstWriter.toMemory(out, options)) {
            int from = 0;
            for (int piece = 0; piece <= cuts.length; piece++) {
                int to = piece < cuts.length ? cuts[piece] : list.size();
                if (piece % 2 == 1) {
                    try (SstWriter part = SstWriter.forPart(options, 4096)) {
                        put(part, list, from, to);
                        writer.append(part.finishPart());
                    }
                } else {
                    put(writer, list, from, to);
                }
                from = to;
            }
            writer.finish();
        }
        return out.toSegment();
    }

    /** Puts entries {@code [from, to)} with the sequence numbers {@link #write} gives them. */
    private static void put(SstWriter writer, List<Map.Entry<byte[], byte[]>> list, int from, int to) {
        for (int i = from; i < to; i++) {
            writer.put(seg(list.get(i).getKey()), i + 1, seg(list.get(i).getValue()));
        }
    }

    /** The reader iterates exactly {@code expected}, in order (one version per key). */
    static void assertSameEntries(Map<byte[], byte[]> expected, SstReader reader) {
        SstIterator it = reader.iterator();
        it.seekToFirst();
        for (Map.Entry<byte[], byte[]> e : expected.entrySet()) {
            assertTrue(it.isValid());
            assertArrayEquals(e.getKey(), bytes(it.userKey()));
            assertArrayEquals(e.getValue(), bytes(it.value()));
            it.next();
        }
        assertFalse(it.isValid());
    }
}
