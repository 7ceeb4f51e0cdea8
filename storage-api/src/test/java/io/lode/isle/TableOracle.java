package io.lode.isle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lode.isle.manifest.SstMeta;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model of an Isle database that knows which table holds which version of each key, so that it
 * can say what reads return after retention removes tables: the newest version left among the
 * remaining tables (a tombstone hides; a key whose versions were all removed is absent). It is
 * told of writes, of each flush's table, of each compaction (inputs and output tables) and of each
 * retention pass; nothing is read from the database's data.
 */
final class TableOracle {
    /** One write: its order among all writes (newer is larger) and its value, null for a delete. */
    record Version(long order, byte[] value) {}

    private static final Comparator<byte[]> KEYS = Arrays::compareUnsigned;

    private long writes;
    private TreeMap<byte[], Version> unflushed = new TreeMap<>(KEYS);
    /** Per table, its newest version of each key (older ones in the same table never show). */
    private final Map<String, TreeMap<byte[], Version>> tables = new HashMap<>();

    void put(byte[] key, byte[] value) {
        unflushed.put(key, new Version(++writes, value));
    }

    void delete(byte[] key) {
        unflushed.put(key, new Version(++writes, null));
    }

    /** A flush committed {@code commit}: the unflushed writes are now its table's. */
    void flushed(CommitInfo commit) {
        if (unflushed.isEmpty()) {
            assertEquals(List.of(), commit.sstIds());
            return;
        }
        assertEquals(1, commit.sstIds().size(), "the memtable is large enough for one table per flush");
        tables.put(commit.sstIds().getFirst(), unflushed);
        unflushed = new TreeMap<>(KEYS);
    }

    /**
     * A compaction replaced {@code inputs} by {@code outputs}: each key's newest version among the
     * inputs moves to the output whose key range holds it. Only a deletion may find none (the
     * compactor drops deletions with nothing older below them, which hide nothing).
     */
    void compacted(List<String> inputs, List<SstMeta> outputs) {
        TreeMap<byte[], Version> merged = new TreeMap<>(KEYS);
        for (String id : inputs) {
            TreeMap<byte[], Version> t = tables.remove(id);
            assertNotNull(t, "compaction input " + id + " is not a live table");
            t.forEach((k, v) -> merged.merge(k, v, (a, b) -> a.order() >= b.order() ? a : b));
        }
        for (SstMeta out : outputs) {
            tables.put(out.id(), new TreeMap<>(KEYS));
        }
        merged.forEach((k, v) -> {
            SstMeta holder = outputs.stream().filter(o -> KEYS.compare(o.minKey(), k) <= 0 && KEYS.compare(k, o.maxKey()) <= 0)
                    .findFirst().orElse(null);
            if (holder == null) {
                assertNull(v.value(), "a live value fell out of a compaction");
            } else {
                tables.get(holder.id()).put(k, v);
            }
        });
    }

    /** Retention removed these tables: every version they held is gone. */
    void removed(List<String> ids) {
        for (String id : ids) {
            assertNotNull(tables.remove(id), "retention removed " + id + ", which is not a live table");
        }
    }

    /** What reads should return: each key's newest version among the live tables, if not a deletion. */
    TreeMap<byte[], byte[]> visible() {
        TreeMap<byte[], Version> newest = new TreeMap<>(KEYS);
        for (TreeMap<byte[], Version> t : tables.values()) {
            t.forEach((k, v) -> newest.merge(k, v, (a, b) -> a.order() >= b.order() ? a : b));
        }
        TreeMap<byte[], byte[]> out = new TreeMap<>(KEYS);
        newest.forEach((k, v) -> {
            if (v.value() != null) {
                out.put(k, v.value());
            }
        });
        return out;
    }
}
