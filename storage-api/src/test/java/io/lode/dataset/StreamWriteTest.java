package io.lode.dataset;

import static io.lode.dataset.Backend.fails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.spi.InstrumentedStore;
import io.lode.spi.ListedObject;
import io.lode.spi.ObjectStore;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Streamed writes: the lifecycle of a byte stream and of a record stream, and a fault in each step. */
class StreamWriteTest {
    static final DatasetOptions JSONL = DatasetOptions.defaults().withCodec(Codecs.jsonl());

    static boolean anyManifest(ObjectStore store) {
        try (var s = store.list("")) {
            return s.map(ListedObject::key).anyMatch(k -> k.endsWith("manifest.json"));
        }
    }

    static boolean exists(ObjectStore store, String key) {
        return store.head(key).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void chunksBecomeOneSnapshotOnlyAtCommit(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Dataset ds = c.dataset("stream", DatasetOptions.defaults().withCompressor(Compressors.gzip()).withChecksum(Checksums.md5()));
            DatasetSnapshot s;
            try (StreamWriter w = ds.streamWrite(Metadata.of("part", "1"))) {
                w.write("hello ".getBytes());
                w.write(new byte[600_000]);
                w.write("world".getBytes());
                fails(ErrorCode.NO_SNAPSHOTS, ds::latest);
                assertFalse(anyManifest(c.store()), "nothing is visible before commit");
                s = w.commit();
            }
            assertEquals(1, s.manifest().rowCount());
            assertNull(s.manifest().codec());
            assertEquals("1", s.manifest().metadata().get("part"));
            assertTrue(s.manifest().files().getFirst().path().endsWith("/data/blob.gz"));
            assertTrue(s.manifest().files().getFirst().checksum().matches("[0-9a-f]{32}"));
            assertEquals(s.id(), ds.latest().id());
            byte[] back = ds.readBlob(s.id());
            assertEquals(6 + 600_000 + 5, back.length);
            assertEquals("world", new String(back, back.length - 5, 5));
            assertTrue(anyManifest(c.store()));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void abortAndCloseLeaveNoManifestAndTheOldHeadVisible(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Dataset ds = c.dataset("stream");
            String head = ds.write(new byte[] {1}, null).id();
            StreamWriter aborted = ds.streamWrite(null);
            aborted.write(new byte[] {2});
            aborted.abort();
            assertDoesNotThrow(aborted::abort, "a second abort does nothing");
            fails(ErrorCode.CLOSED, () -> aborted.write(new byte[] {3}));
            fails(ErrorCode.CLOSED, aborted::commit);
            try (StreamWriter closed = ds.streamWrite(null)) {
                closed.write(new byte[] {4});
            }
            assertEquals(head, ds.latest().id());
            assertEquals(1, ds.snapshots().size());
            assertFalse(exists(c.store(), "datasets/stream/snapshots/" + aborted.snapshotId() + "/data/blob"), "abort deleted the data");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCommittedStreamRejectsEverythingButClose(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            StreamWriter w = c.dataset("stream").streamWrite(null);
            w.write(new byte[] {1});
            w.commit();
            fails(ErrorCode.CLOSED, () -> w.write(new byte[] {1}));
            fails(ErrorCode.INVALID_ARGUMENT, w::commit);
            fails(ErrorCode.INVALID_ARGUMENT, w::abort);
            assertDoesNotThrow(w::close);
            fails(ErrorCode.CODEC_CONFIGURED, () -> c.dataset("records", JSONL).streamWrite(null));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aFailedManifestPutFailsTheCommitAndDeletesTheData(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            PathFaultStore store = new PathFaultStore(c.store());
            Dataset ds = Dataset.open(store, "stream", JSONL);
            store.failPuts("manifest.json");
            fails(ErrorCode.IO, () -> ds.streamWriteRecords(List.of(Map.of("a", 1L)).iterator(), null));
            fails(ErrorCode.NO_SNAPSHOTS, ds::latest);
            assertTrue(store.deletes().stream().anyMatch(k -> k.endsWith("/data/data")), "the data object was deleted");

            Dataset raw = Dataset.open(store, "raw", DatasetOptions.defaults());
            StreamWriter w = raw.streamWrite(null);
            w.write(new byte[] {1, 2, 3});
            fails(ErrorCode.IO, w::commit);
            fails(ErrorCode.NO_SNAPSHOTS, raw::latest);
            assertFalse(exists(c.store(), "datasets/raw/snapshots/" + w.snapshotId() + "/data/blob"));
            fails(ErrorCode.CLOSED, w::commit);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void abortSwallowsAFailingDeleteAndCloseWithoutCommitDeletes(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            PathFaultStore store = new PathFaultStore(c.store());
            Dataset ds = Dataset.open(store, "stream", DatasetOptions.defaults());
            StreamWriter w = ds.streamWrite(null);
            w.write(new byte[] {1});
            store.failDeletes(true);
            assertDoesNotThrow(w::abort);
            assertEquals(1, store.deletes().size(), "abort attempted the delete");
            store.failDeletes(false);
            try (StreamWriter closed = ds.streamWrite(null)) {
                closed.write(new byte[] {2});
            }
            assertEquals(2, store.deletes().size(), "close without commit deletes too");
            fails(ErrorCode.NO_SNAPSHOTS, ds::latest);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aFailingUploadSurfacesItsOwnErrorFromWriteOrCommit(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            PathFaultStore store = new PathFaultStore(c.store());
            store.failPuts("/data/");
            StreamWriter w = Dataset.open(store, "stream", DatasetOptions.defaults()).streamWrite(null);
            LodeException e = org.junit.jupiter.api.Assertions.assertThrows(LodeException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    w.write(new byte[1 << 20]);
                }
                w.commit();
            });
            assertTrue(e.getMessage().contains("injected put failure"), e::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void recordsStreamIntoOneFile(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Dataset ds = c.dataset("records", DatasetOptions.defaults().withCodec(Codecs.jsonl()).withCompressor(Compressors.zstd()));
            List<Map<String, Object>> records = List.of(Map.of("i", 1L), Map.of("i", 2L), Map.of("i", 3L));
            DatasetSnapshot s = ds.streamWriteRecords(records.iterator(), Metadata.of("m", true));
            assertEquals(3, s.manifest().rowCount());
            assertEquals("jsonl", s.manifest().codec());
            assertEquals(true, s.manifest().metadata().get("m"));
            assertNull(s.manifest().files().getFirst().stats());
            assertEquals(records, ds.read(s.id()));
            assertEquals(s.id(), ds.latest().id());
            DatasetSnapshot empty = ds.streamWriteRecords(List.<Map<String, Object>>of().iterator(), null);
            assertEquals(0, empty.manifest().rowCount());
            assertEquals(1, empty.manifest().files().size(), "an empty iterator still makes one (empty) file");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void streamWriteRecordsValidatesBeforeAnyRequest(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            InstrumentedStore store = new InstrumentedStore(c.store());
            Iterator<Map<String, Object>> none = List.<Map<String, Object>>of().iterator();
            fails(ErrorCode.INVALID_ARGUMENT, () -> Dataset.open(store, "d", JSONL).streamWriteRecords(null, null));
            assertTrue(fails(ErrorCode.INVALID_ARGUMENT, () -> Dataset.open(store, "d", DatasetOptions.defaults()).streamWriteRecords(none, null))
                    .getMessage().contains("requires a codec"));
            Codec notStreaming = new Codec() {
                @Override
                public String name() {
                    return "batch";
                }

                @Override
                public void encode(java.io.OutputStream out, List<? extends Map<String, ?>> records) {}

                @Override
                public List<Map<String, Object>> decode(java.io.InputStream in) {
                    return List.of();
                }
            };
            fails(ErrorCode.CODEC_NOT_STREAMABLE, () -> Dataset.open(store, "d", DatasetOptions.defaults().withCodec(notStreaming))
                    .streamWriteRecords(none, null));
            fails(ErrorCode.PARTITIONING_NOT_SUPPORTED, () -> Dataset.open(store, "d", DatasetOptions.defaults().withCodec(Codecs.jsonl())
                    .withLayout(Layout.hive("k"))).streamWriteRecords(none, null));
            assertEquals(0, store.total());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aFailingIteratorCommitsNothingAndDeletesThePartialFile(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Dataset ds = c.dataset("records", JSONL);
            Iterator<Map<String, Object>> failing = new Iterator<>() {
                int n;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public Map<String, Object> next() {
                    if (n++ == 1000) {
                        throw new NoSuchElementException("source went away");
                    }
                    return Map.of("n", (long) n);
                }
            };
            RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> ds.streamWriteRecords(failing, null));
            assertTrue(e.getMessage().contains("source went away"), e::toString);
            fails(ErrorCode.NO_SNAPSHOTS, ds::latest);
            try (var keys = c.store().list("datasets/records/")) {
                assertEquals(0, keys.count(), "the partial data file was deleted");
            }
        }
    }
}
