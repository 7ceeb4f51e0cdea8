package io.lode.isle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Level-0 tables whose keys overwrite and delete each other, and the check of what a reader sees; for compaction and GC tests. */
final class OverlappingTables {
    private OverlappingTables() {}

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Flushes {@code tables} L0 tables that overwrite and delete each other's keys; returns the expected contents. */
    static TreeMap<String, String> flush(IsleWriter w, int tables) {
        TreeMap<String, String> expected = new TreeMap<>();
        for (int t = 0; t < tables; t++) {
            for (int i = 0; i < 200; i++) {
                String k = String.format("k%04d", (i * 7 + t * 31) % 500);
                if ((i + t) % 9 == 0) {
                    w.delete(b(k));
                    expected.remove(k);
                } else {
                    String v = "v" + t + "-" + i;
                    w.put(b(k), b(v));
                    expected.put(k, v);
                }
            }
            w.flush();
        }
        return expected;
    }

    /** Asserts that a scan and a point read of every key see exactly {@code expected}. */
    static void assertContents(TreeMap<String, String> expected, IsleReader r) {
        List<KeyValue> want = new ArrayList<>();
        expected.forEach((k, v) -> want.add(new KeyValue(b(k), b(v))));
        assertEquals(want, r.scan(null, null, Integer.MAX_VALUE));
        for (int i = 0; i < 500; i++) {
            String k = String.format("k%04d", i);
            String v = expected.get(k);
            assertArrayEquals(v == null ? null : b(v), r.get(b(k)), k);
        }
    }
}
