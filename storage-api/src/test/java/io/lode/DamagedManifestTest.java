package io.lode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lode.dataset.Codecs;
import io.lode.dataset.Dataset;
import io.lode.dataset.DatasetOptions;
import io.lode.dataset.DatasetSnapshot;
import io.lode.dataset.Metadata;
import io.lode.isle.CompactorOptions;
import io.lode.isle.Compactor;
import io.lode.isle.Cursor;
import io.lode.isle.GcOptions;
import io.lode.isle.GarbageCollector;
import io.lode.isle.IsleDB;
import io.lode.isle.IsleOptions;
import io.lode.isle.IsleReader;
import io.lode.isle.IsleWriter;
import io.lode.isle.ReaderOptions;
import io.lode.isle.WriterOptions;
import io.lode.spi.ListedObject;
import io.lode.spi.ObjectStore;
import io.lode.spi.PutMode;
import io.lode.volume.BlockRef;
import io.lode.volume.Volume;
import io.lode.volume.VolumeSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every metadata object Lode writes, damaged one byte at a time: each byte with its lowest bit
 * flipped, and each byte replaced by another character of its kind (a digit by another digit, a
 * letter by another letter, anything else by a quote). A fresh reader then returns exactly what
 * was committed, or fails with a {@link LodeException}; never less, never something else.
 */
class DamagedManifestTest {
    private static final int KEYS = 40;

    private static byte[] key(int i) {
        return String.format("k%03d", i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int round, int i) {
        return ("value " + round + "/" + i + " ").repeat(3).getBytes(StandardCharsets.UTF_8);
    }

    /** The damaged copies of {@code original}: one byte changed in each. */
    private static List<byte[]> damaged(byte[] original) {
        List<byte[]> out = new ArrayList<>(original.length * 2);
        for (int i = 0; i < original.length; i++) {
            byte[] flipped = original.clone();
            flipped[i] ^= 1;
            out.add(flipped);
            byte[] substituted = original.clone();
            substituted[i] = substitute(original[i]);
            out.add(substituted);
        }
        return out;
    }

    private static byte substitute(byte b) {
        if (b >= '0' && b <= '9') {
            return (byte) (b == '9' ? '0' : b + 1);
        }
        if (b >= 'a' && b <= 'z') {
            return (byte) (b == 'z' ? 'a' : b + 1);
        }
        if (b >= 'A' && b <= 'Z') {
            return (byte) (b == 'Z' ? 'A' : b + 1);
        }
        return (byte) (b == '"' ? '\'' : '"');
    }

    /**
     * Damages each metadata object under {@code prefix} (data files are checked by the checksum
     * their manifest may record, not here) in every way, checks {@code read} after each, and
     * restores it.
     *
     * @return how many damaged copies were read
     */
    private static int damageEach(ObjectStore store, String prefix, Supplier<Object> read, Object committed) {
        List<String> keys;
        try (var listed = store.list(prefix)) {
            keys = listed.map(ListedObject::key).filter(k -> !k.contains("/data/")).toList();
        }
        assertTrue(!keys.isEmpty(), "objects under " + prefix);
        int checked = 0;
        for (String key : keys) {
            byte[] original = store.get(key).bytes();
            for (byte[] copy : damaged(original)) {
                store.put(key, copy, PutMode.OVERWRITE);
                Object seen;
                try {
                    seen = read.get();
                } catch (LodeException e) {
                    checked++;
                    continue;
                } catch (RuntimeException e) {
                    throw new AssertionError(key + " damaged as " + new String(copy, StandardCharsets.UTF_8)
                            + " failed with " + e + " instead of a LodeException", e);
                }
                if (!committed.equals(seen)) {
                    fail(key + " damaged as\n" + new String(copy, StandardCharsets.UTF_8) + "\nread as " + seen
                            + " instead of " + committed);
                }
                checked++;
            }
            store.put(key, original, PutMode.OVERWRITE);
            assertEquals(committed, read.get(), "restored " + key);
        }
        return checked;
    }

    private static Map<String, String> contents(IsleDB db) {
        try (IsleReader reader = db.openReader(ReaderOptions.defaults())) {
            Map<String, String> seen = new TreeMap<>();
            try (Cursor c = reader.scan(null, null)) {
                while (c.next()) {
                    seen.put(new String(c.key(), StandardCharsets.UTF_8), HexFormat.of().formatHex(c.value()));
                }
            }
            for (int i = 0; i < KEYS; i += 7) {
                byte[] v = reader.get(key(i));
                String hex = v == null ? null : HexFormat.of().formatHex(v);
                if (!java.util.Objects.equals(seen.get(new String(key(i), StandardCharsets.UTF_8)), hex)) {
                    return Map.of("get and scan disagree on " + i, String.valueOf(hex));
                }
            }
            return seen;
        }
    }

    @Test
    void aDamagedIsleManifestObjectIsReadRightOrRefused() {
        try (LodeConnection c = Lode.connect("lode:mem:damaged-isle-" + UUID.randomUUID())) {
            IsleDB db = c.isle("db", IsleOptions.defaults().withSnapshotEvery(3).withCurrentEvery(2));
            try (IsleWriter w = db.openWriter(WriterOptions.defaults().withFlushInterval(Duration.ZERO));
                 Compactor compactor = db.openCompactor(CompactorOptions.defaults().withInterval(Duration.ZERO).withL0Threshold(2))) {
                for (int round = 0; round < 4; round++) {
                    for (int i = round; i < KEYS; i += 2) {
                        w.put(key(i), value(round, i));
                    }
                    if (round == 3) {
                        w.delete(key(5));
                    }
                    w.flush();
                    if (round == 1) {
                        assertTrue(compactor.runOnce());
                    }
                }
            }
            try (GarbageCollector gc = db.openGarbageCollector(GcOptions.defaults().withInterval(Duration.ZERO))) {
                gc.runOnce();
            }
            Map<String, String> committed = contents(db);
            assertEquals(KEYS - 1, committed.size());
            int checked = damageEach(c.store(), db.prefix() + "manifest/", () -> contents(db), committed);
            assertTrue(checked > 2000, checked + " damaged copies");
        }
    }

    @Test
    void aDamagedDatasetManifestIsReadRightOrRefused() {
        try (LodeConnection c = Lode.connect("lode:mem:damaged-dataset-" + UUID.randomUUID())) {
            Dataset ds = c.dataset("events", DatasetOptions.defaults().withCodec(Codecs.jsonl()));
            List<String> ids = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int i = 0; i <= round; i++) {
                    rows.add(Map.of("round", (long) round, "i", (long) i, "note", "<row & " + i + ">"));
                }
                ids.add(ds.write(rows, Metadata.of("round", Integer.toString(round))).id());
            }
            Supplier<Object> read = () -> {
                Map<String, Object> seen = new LinkedHashMap<>();
                DatasetSnapshot latest = ds.latest();
                seen.put("latest", latest.id());
                seen.put("latest rows", latest.manifest().rowCount());
                seen.put("latest parent", String.valueOf(latest.manifest().parentSnapshotId()));
                seen.put("latest metadata", latest.manifest().metadata().asMap());
                for (String id : ids) {
                    seen.put(id, ds.read(id));
                }
                seen.put("all", ds.snapshots().stream().map(DatasetSnapshot::id).toList());
                return seen;
            };
            Object committed = read.get();
            int checked = damageEach(c.store(), "datasets/events/snapshots/", () -> read.get(), committed);
            assertTrue(checked > 1000, checked + " damaged copies");
        }
    }

    @Test
    void aDamagedVolumeManifestIsReadRightOrRefused() {
        try (LodeConnection c = Lode.connect("lode:mem:damaged-volume-" + UUID.randomUUID())) {
            Volume v = c.volume("disk", 4096);
            List<String> ids = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                byte[] block = new byte[512];
                java.util.Arrays.fill(block, (byte) (round + 1));
                BlockRef b = v.stageWriteAt(round * 1024L, block);
                ids.add(v.commit(List.of(b), Metadata.of("round", Integer.toString(round))).id());
            }
            Supplier<Object> read = () -> {
                Map<String, Object> seen = new LinkedHashMap<>();
                VolumeSnapshot latest = v.latest();
                seen.put("latest", latest.id());
                seen.put("blocks", latest.manifest().blocks());
                for (String id : ids) {
                    seen.put(id, HexFormat.of().formatHex(v.readAt(id, 0, 512)));
                }
                seen.put("second", HexFormat.of().formatHex(v.readAt(ids.get(1), 1024, 512)));
                return seen;
            };
            Object committed = read.get();
            int checked = damageEach(c.store(), "volumes/disk/snapshots/", () -> read.get(), committed);
            assertTrue(checked > 1000, checked + " damaged copies");
        }
    }
}
