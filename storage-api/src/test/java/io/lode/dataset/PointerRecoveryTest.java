package io.lode.dataset;

import static io.lode.dataset.Backend.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.LodeConnection;
import io.lode.spi.InstrumentedStore;
import io.lode.spi.ListedObject;
import io.lode.spi.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The latest pointer and parent resolution of datasets (docs/dataset-format.md), and faults in each step. */
class PointerRecoveryTest {
    static final DatasetOptions JSONL = DatasetOptions.defaults().withCodec(Codecs.jsonl());

    static String pointer(ObjectStore store, String key) {
        return new String(store.get(key).bytes(), StandardCharsets.UTF_8);
    }

    static boolean anyManifest(ObjectStore store) {
        try (var s = store.list("")) {
            return s.map(ListedObject::key).anyMatch(k -> k.endsWith("manifest.json"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void thePointerTracksEachWriteAndLatestUsesItWithoutListing(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            InstrumentedStore store = new InstrumentedStore(c.store());
            Dataset ds = Dataset.open(store, "my-ds", JSONL);
            for (int i = 0; i < 3; i++) {
                String id = ds.write(List.of(Map.of("i", (long) i)), null).id();
                assertEquals(id, pointer(c.store(), "datasets/my-ds/latest"));
                assertEquals(id, ds.latest().id());
            }
            assertEquals(1, store.count("list"), "only the very first write scans (no pointer yet)");
            Dataset flat = c.dataset("my-ds", DatasetOptions.defaults().withCodec(Codecs.jsonl()).withLayout(Layout.flat()));
            assertEquals(flat.write(List.of(Map.of()), null).id(), pointer(c.store(), "my-ds/latest"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aDeletedPointerFallsBackToAScanAndIsRepaired(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Dataset ds = c.dataset("ds", JSONL);
            ds.write(List.of(Map.of("i", 1L)), null);
            String head = ds.write(List.of(Map.of("i", 2L)), null).id();
            c.store().delete("datasets/ds/latest");
            assertEquals(head, ds.latest().id());
            assertEquals(head, pointer(c.store(), "datasets/ds/latest"), "latest() healed the pointer");
            c.store().delete("datasets/ds/latest");
            Dataset fresh = c.dataset("ds", JSONL);
            assertEquals(head, fresh.write(List.of(Map.of("i", 3L)), null).manifest().parentSnapshotId());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aPointerToAMissingSnapshotIsIgnoredByLatestAndByTheNextWriter(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Dataset ds = c.dataset("ds", JSONL);
            String head = ds.write(List.of(Map.of("i", 1L)), null).id();
            c.store().put("datasets/ds/latest", "9999999999999999999".getBytes(StandardCharsets.UTF_8), io.lode.spi.PutMode.OVERWRITE);
            assertEquals(head, c.dataset("ds", JSONL).latest().id());
            c.store().put("datasets/ds/latest", "9999999999999999999".getBytes(StandardCharsets.UTF_8), io.lode.spi.PutMode.OVERWRITE);
            assertEquals(head, c.dataset("ds", JSONL).write(List.of(Map.of("i", 2L)), null).manifest().parentSnapshotId());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aFailedPointerMoveCommitsNothingAndTheNextWriteLinksToTheLastGoodSnapshot(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            InstrumentedStore store = new InstrumentedStore(c.store());
            Dataset ds = Dataset.open(store, "ds", JSONL);
            String good = ds.write(List.of(Map.of("i", 1L)), null).id();
            store.failRequest(2, InstrumentedStore.Fault.BEFORE); // data put, then the pointer swap
            fails(ErrorCode.IO, () -> ds.write(List.of(Map.of("i", 2L)), null));
            assertEquals(good, ds.latest().id());
            assertEquals(1, ds.snapshots().size(), "no manifest was written");
            assertEquals(good, ds.write(List.of(Map.of("i", 3L)), null).manifest().parentSnapshotId());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aFailedManifestPutLeavesAGhostPointerThatNobodyFollows(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            InstrumentedStore store = new InstrumentedStore(c.store());
            Dataset ds = Dataset.open(store, "ds", JSONL);
            String good = ds.write(List.of(Map.of("i", 1L)), null).id();
            store.failRequest(3, InstrumentedStore.Fault.BEFORE); // data, pointer, then the manifest
            fails(ErrorCode.IO, () -> ds.write(List.of(Map.of("i", 2L)), null));
            String ghost = pointer(c.store(), "datasets/ds/latest");
            assertFalse(ghost.equals(good), "the pointer moved before the manifest failed");
            assertEquals(good, ds.latest().id(), "a pointer ahead of reality is harmless");
            assertEquals(ghost, pointer(c.store(), "datasets/ds/latest"), "and left alone: its manifest could still land");
            DatasetSnapshot next = ds.write(List.of(Map.of("i", 3L)), null);
            // The next writer closed the ghost (a manifest that holds nothing) and built on it: no fork is possible.
            assertEquals(ghost, next.manifest().parentSnapshotId());
            fails(ErrorCode.NOT_FOUND, () -> ds.snapshot(ghost));
            assertEquals(List.of(good, next.id()), ds.snapshots().stream().map(DatasetSnapshot::id).toList());
            assertEquals(List.of(Map.of("i", 3L)), ds.read(ds.latest().id()));
            try (var s = c.store().list("datasets/ds/snapshots/" + ghost + "/")) {
                assertEquals(List.of("datasets/ds/snapshots/" + ghost + "/manifest.json"), s.map(o -> o.key()).toList(),
                        "the failed write's data file was deleted; only the closing manifest is there");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anInstanceKeepsItsOwnHeadOverAStalePointerToAnOlderSnapshot(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Dataset ds = c.dataset("ds", JSONL);
            String first = ds.write(List.of(Map.of("i", 1L)), null).id();
            String second = ds.write(List.of(Map.of("i", 2L)), null).id();
            assertTrue(anyManifest(c.store()));
            // Someone rewinds the pointer: this instance's compare-and-swap sees the change.
            c.store().put("datasets/ds/latest", first.getBytes(StandardCharsets.UTF_8), io.lode.spi.PutMode.OVERWRITE);
            fails(ErrorCode.SNAPSHOT_CONFLICT, () -> ds.write(List.of(Map.of("i", 3L)), null));
            DatasetSnapshot retried = ds.write(List.of(Map.of("i", 3L)), null);
            assertEquals(first, retried.manifest().parentSnapshotId(), "after a conflict the head is re-read from the pointer");
            assertEquals(second, ds.snapshots().get(1).id());
        }
    }
}
