package io.lode.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lode.LodeConnection;
import io.lode.spi.InstrumentedStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The request costs of docs/dataset-format.md ("Costs"), counted. Ours are one request below Lode's on every write: the pointer moves with
 * one compare-and-swap put instead of a delete and a put.
 */
class CountedCostTest {
    static final DatasetOptions JSONL = DatasetOptions.defaults().withCodec(Codecs.jsonl());

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aWarmWriteCostsThreeRequestsAndNoListing(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            InstrumentedStore store = new InstrumentedStore(c.store());
            Dataset ds = Dataset.open(store, "events", JSONL);
            ds.write(List.of(Map.of("n", 0L)), null);
            for (int i = 1; i <= 20; i++) {
                store.reset();
                long before = store.total();
                ds.write(List.of(Map.of("n", (long) i)), null);
                assertEquals(3, store.total() - before, "data put, pointer swap, manifest put");
                assertEquals(3, store.count("put"));
                assertEquals(0, store.count("list"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aWarmHiveWriteCosts2PPlus2(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            InstrumentedStore store = new InstrumentedStore(c.store());
            Dataset ds = Dataset.open(store, "h", DatasetOptions.defaults().withCodec(Codecs.jsonl()).withLayout(Layout.hive("p")));
            ds.write(List.of(Map.of("p", "x")), null); // the first write scans: there is no pointer yet
            store.reset();
            long before = store.total();
            ds.write(List.of(Map.of("p", "a"), Map.of("p", "b"), Map.of("p", "c")), null);
            assertEquals(2 * 3 + 2, store.total() - before, "3 data files, the pointer, the canonical manifest and 3 copies");
            assertEquals(0, store.count("list"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aColdWriteReadsThePointerAndChecksItsManifest(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Dataset.open(c.store(), "events", JSONL).write(List.of(Map.of("n", 0L)), null);
            InstrumentedStore store = new InstrumentedStore(c.store());
            Dataset fresh = Dataset.open(store, "events", JSONL);
            fresh.write(List.of(Map.of("n", 1L)), null);
            assertEquals(5, store.total());
            assertEquals(2, store.count("get"), "the pointer and the manifest it names, read as latest() reads it");
            assertEquals(0, store.count("head"));
            assertEquals(0, store.count("list"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void latestCostsTwoSnapshotOneAndReadOnePerFile(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            InstrumentedStore store = new InstrumentedStore(c.store());
            Dataset ds = Dataset.open(store, "events", DatasetOptions.defaults().withCodec(Codecs.jsonl()).withLayout(Layout.hive("p")));
            String id = ds.write(List.of(Map.of("p", "a"), Map.of("p", "b")), null).id();
            store.reset();
            long t0 = store.total();
            ds.latest();
            assertEquals(2, store.total() - t0);
            long t1 = store.total();
            ds.snapshot(id);
            assertEquals(1, store.total() - t1);
            long t2 = store.total();
            ds.read(id);
            assertEquals(1 + 2, store.total() - t2);
            assertEquals(0, store.count("list"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void listPartitionsLoadsEachSnapshotOnce(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Dataset ds = c.dataset("h", DatasetOptions.defaults().withCodec(Codecs.jsonl()).withLayout(Layout.hive("p")));
            ds.write(List.of(Map.of("p", "a"), Map.of("p", "b")), null);
            ds.write(List.of(Map.of("p", "b"), Map.of("p", "c")), null);
            InstrumentedStore store = new InstrumentedStore(c.store());
            assertEquals(List.of("p=a", "p=b", "p=c"), DatasetReader.open(store, Layout.hive("p")).listPartitions("h", 0));
            assertEquals(1, store.count("list"));
            assertEquals(2, store.count("get"));
        }
    }
}
