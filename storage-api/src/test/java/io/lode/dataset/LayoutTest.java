package io.lode.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.LodeConnection;
import io.lode.spi.ListedObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The paths of each layout and their partition values (docs/dataset-format.md), and no prefix leak between datasets. */
class LayoutTest {
    @Test
    void pathsAreLodesPerLayout() {
        Layout d = Layout.defaultLayout();
        Layout h = Layout.hive("day");
        Layout f = Layout.flat();
        assertEquals("datasets/ds/snapshots/", d.listPrefix("ds"));
        assertEquals("datasets/ds/snapshots/7/manifest.json", d.manifestPath("ds", "7", ""));
        assertEquals("datasets/ds/snapshots/7/data/blob.gz", d.dataPath("ds", "7", "", "blob", ".gz"));
        assertEquals("datasets/ds/latest", d.pointerPath("ds"));
        assertEquals("datasets/ds/", h.listPrefix("ds"));
        assertEquals("datasets/ds/segments/7/manifest.json", h.manifestPath("ds", "7", ""));
        assertEquals("datasets/ds/partitions/day=A/segments/7/manifest.json", h.manifestPath("ds", "7", "day=A"));
        assertEquals("datasets/ds/partitions/day=A/segments/7/data/data.zst", h.dataPath("ds", "7", "day=A", "data", ".zst"));
        assertEquals("datasets/ds/latest", h.pointerPath("ds"));
        assertEquals("ds/", f.listPrefix("ds"));
        assertEquals("ds/7/manifest.json", f.manifestPath("ds", "7", ""));
        assertEquals("ds/7/data/data", f.dataPath("ds", "7", "", "data", ""));
        assertEquals("ds/latest", f.pointerPath("ds"));
    }

    @Test
    void manifestRecognitionFollowsTheLayout() {
        assertEquals(new Layout.ManifestPath("ds", "7", ""), Layout.defaultLayout().parse("datasets/ds/snapshots/7/manifest.json"));
        assertNull(Layout.defaultLayout().parse("datasets/ds/snapshots/7/data/manifest.json"));
        assertNull(Layout.defaultLayout().parse("datasets/ds/snapshots//manifest.json"));
        assertEquals(new Layout.ManifestPath("ds", "7", "a=1/b=2"), Layout.hive("a", "b").parse("datasets/ds/partitions/a=1/b=2/segments/7/manifest.json"));
        assertEquals(new Layout.ManifestPath("ds", "7", ""), Layout.hive("a").parse("datasets/ds/segments/7/manifest.json"));
        assertNull(Layout.hive("a").parse("datasets/ds/snapshots/7/manifest.json"));
        assertEquals(new Layout.ManifestPath("ds", "7", ""), Layout.flat().parse("ds/7/manifest.json"));
        assertNull(Layout.flat().parse("ds/7/data/manifest.json"));
        assertEquals("a=1/b=2", Layout.partitionOfFile("datasets/ds/partitions/a=1/b=2/segments/7/data/data"));
        assertEquals("", Layout.partitionOfFile("datasets/ds/snapshots/7/data/data"));
    }

    @Test
    void hiveValuesArePrintedAndEscapedAsGoDoes() {
        Layout h = Layout.hive("s", "t", "n", "d");
        Map<String, Object> r = new TreeMap<>(Map.of("s", "a b/c?", "t", Instant.parse("2026-11-21T23:59:59Z"), "n", 42L, "d", 1.0));
        assertEquals("s=a%20b%2Fc%3F/t=2026-11-21/n=42/d=1", h.partitionOf(r, 0));
        assertEquals("x=%C3%BC$&+:=@-_.~", Layout.hive("x").partitionOf(Map.of("x", "ü$&+:=@-_.~"), 0));
        assertTrue(Backend.fails(io.lode.ErrorCode.INVALID_ARGUMENT, () -> h.partitionOf(Map.of("s", "x"), 3))
                .getMessage().contains("missing key"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void datasetsWhoseNamesShareAPrefixStayApart(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            for (Layout layout : List.of(Layout.defaultLayout(), Layout.hive("k"), Layout.flat())) {
                DatasetOptions o = DatasetOptions.defaults().withCodec(Codecs.jsonl()).withLayout(layout);
                String base = "p" + layout.partitioner() + layout.modelsDatasets();
                Dataset ds = c.dataset(base, o);
                Dataset ds2 = c.dataset(base + "2", o);
                DatasetSnapshot mine = ds.write(List.of(Map.of("k", "a")), null);
                DatasetSnapshot other = ds2.write(List.of(Map.of("k", "b")), null);
                assertEquals(List.of(mine.id()), ds.snapshots().stream().map(DatasetSnapshot::id).toList(), layout.toString());
                c.store().delete(layout.pointerPath(base));
                assertEquals(mine.id(), ds.latest().id(), "the scan of " + layout + " does not see " + other.id());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aHiveWriteStoresOneFilePerPartitionAndACanonicalManifestPlusOneCopyPerPartition(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Dataset ds = c.dataset("ds", DatasetOptions.defaults().withCodec(Codecs.jsonl()).withCompressor(Compressors.gzip()).withLayout(Layout.hive("day")));
            String id = ds.write(List.of(Map.of("day", "A", "n", 1L), Map.of("day", "B", "n", 2L), Map.of("day", "A", "n", 3L)), null).id();
            List<String> keys = c.store().list("").map(ListedObject::key).toList();
            assertEquals(List.of(
                    "datasets/ds/latest",
                    "datasets/ds/partitions/day=A/segments/" + id + "/data/data.gz",
                    "datasets/ds/partitions/day=A/segments/" + id + "/manifest.json",
                    "datasets/ds/partitions/day=B/segments/" + id + "/data/data.gz",
                    "datasets/ds/partitions/day=B/segments/" + id + "/manifest.json",
                    "datasets/ds/segments/" + id + "/manifest.json"), keys);
            assertEquals("hive", ds.latest().manifest().partitioner());
            assertEquals(3, ds.read(id).size());
            c.store().delete("datasets/ds/segments/" + id + "/manifest.json");
            assertEquals(id, ds.snapshot(id).id(), "without the canonical copy, the scan fallback finds a partition copy");
            DatasetReader reader = c.datasetReader(Layout.hive("day"));
            assertTrue(reader.listManifests("ds", "", 0).stream().noneMatch(r -> r.partition().isEmpty()));
        }
    }
}
