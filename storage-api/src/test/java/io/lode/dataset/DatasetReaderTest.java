package io.lode.dataset;

import static io.lode.dataset.Backend.fails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lode.ErrorCode;
import io.lode.LodeConnection;
import io.lode.spi.ObjectStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The dataset reader: listing datasets, manifests and partitions; manifests and objects by reference. */
class DatasetReaderTest {
    @ParameterizedTest
    @EnumSource(Backend.class)
    void listDatasetsDistinguishesEmptyStorageFromStorageWithoutManifests(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            DatasetReader reader = c.datasetReader();
            assertEquals(List.of(), reader.listDatasets(0));
            c.store().put("datasets/test-ds/snapshots/1/data/blob", new byte[1]);
            fails(ErrorCode.NO_MANIFESTS, () -> reader.listDatasets(0));
            c.dataset("test-ds").write(new byte[1], null);
            c.dataset("other").write(new byte[1], null);
            assertEquals(List.of("other", "test-ds"), reader.listDatasets(0));
            assertEquals(List.of("other"), reader.listDatasets(1));
            fails(ErrorCode.DATASETS_NOT_MODELED, () -> c.datasetReader(DatasetOptions.defaults().withLayout(Layout.flat())).listDatasets(0));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void manifestsArePartitionFilteredAndObjectsReadWholeOrInRanges(Backend backend) throws IOException {
        try (LodeConnection c = backend.connect()) {
            Dataset ds = c.dataset("logs", DatasetOptions.defaults().withCodec(Codecs.jsonl()).withLayout(Layout.hive("day", "src")));
            String s1 = ds.write(List.of(Map.of("day", "A", "src", "x"), Map.of("day", "B", "src", "y")), null).id();
            String s2 = ds.write(List.of(Map.of("day", "B", "src", "x")), null).id();
            DatasetReader reader = c.datasetReader(Layout.hive("day", "src"));
            fails(ErrorCode.NOT_FOUND, () -> reader.listManifests("nothing", "", 0));
            assertEquals(List.of(new ManifestRef(s1, "day=A/src=x")), reader.listManifests("logs", "day=A", 0));
            assertEquals(List.of(s2, s1), reader.listManifests("logs", "day=B", 0).stream().map(ManifestRef::id).toList(),
                    "in key order: src=x before src=y");
            assertEquals(List.of(new ManifestRef(s2, "day=B/src=x")), reader.listManifests("logs", "day=B/src=x", 0));
            assertEquals(1, reader.listManifests("logs", "", 1).size());
            assertEquals(List.of("day=A/src=x", "day=B/src=y", "day=B/src=x"), reader.listPartitions("logs", 0));

            ManifestRef ref = new ManifestRef(s2, "day=B/src=x");
            Manifest m = reader.getManifest("logs", ref);
            FileRef f = m.files().getFirst();
            ObjectRef obj = new ObjectRef("logs", ref, f.path());
            byte[] whole;
            try (ObjectStream in = reader.openObject(obj)) {
                whole = in.readAllBytes();
            }
            assertEquals("{\"day\":\"B\",\"src\":\"x\"}\n", new String(whole, StandardCharsets.UTF_8));
            assertArrayEquals("\"B\"".getBytes(StandardCharsets.UTF_8), reader.readRange(obj, 7, 3));
            fails(ErrorCode.NOT_FOUND, () -> reader.getManifest("logs", new ManifestRef("404", "day=B/src=x")));
            fails(ErrorCode.INVALID_ARGUMENT, () -> reader.getManifest("logs", null));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void nonPartitionedLayoutsHaveNoPartitions(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            c.dataset("ds").write(new byte[1], null);
            DatasetReader reader = c.datasetReader(Layout.defaultLayout());
            assertEquals(List.of(), reader.listPartitions("ds", 0));
            assertEquals(1, reader.listManifests("ds", "", 0).size());
            fails(ErrorCode.NOT_FOUND, () -> reader.listPartitions("none", 0));
            fails(ErrorCode.NOT_FOUND, () -> c.datasetReader(Layout.flat()).listManifests("ds", "", 0), "another layout sees nothing");
        }
    }
}
