package io.lode.dataset;

import static io.lode.dataset.Backend.fails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.LodeConnection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A dataset's life: construction, writes, metadata, raw mode, codecs, compressors, checksums, timestamps. */
class DatasetLifecycleTest {
    static DatasetOptions jsonl(Compressor c) {
        return DatasetOptions.defaults().withCodec(Codecs.jsonl()).withCompressor(c);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEmptyDatasetHasNoSnapshots(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Dataset ds = c.dataset("empty");
            fails(ErrorCode.NO_SNAPSHOTS, ds::latest);
            assertEquals(List.of(), ds.snapshots());
            fails(ErrorCode.NOT_FOUND, () -> ds.snapshot("1739404300123456789"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRawBlobRoundTripsWithRowCountOneAndNoCodec(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Dataset ds = c.dataset("blobs");
            byte[] blob = "hello, blob".getBytes(StandardCharsets.UTF_8);
            DatasetSnapshot s = ds.write(blob, Metadata.of("kind", "greeting"));
            Manifest m = s.manifest();
            assertEquals(1, m.rowCount());
            assertNull(m.codec());
            assertEquals("noop", m.compressor());
            assertEquals("noop", m.partitioner());
            assertNull(m.minTimestamp());
            assertEquals(List.of("datasets/blobs/snapshots/" + s.id() + "/data/blob"), m.files().stream().map(FileRef::path).toList());
            assertNull(m.files().getFirst().stats());
            assertArrayEquals(blob, ds.readBlob(s.id()));
            assertEquals("greeting", ds.snapshot(s.id()).manifest().metadata().get("kind"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void jsonlRoundTripsWithEveryCompressorAndItsSuffix(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            for (Compressor comp : List.of(Compressors.noop(), Compressors.gzip(), Compressors.zstd())) {
                Dataset ds = c.dataset("events-" + comp.name(), jsonl(comp));
                List<Map<String, Object>> records = List.of(Map.of("id", 1L, "name", "a<b>&c"), Map.of("id", 2L, "score", 1.5));
                DatasetSnapshot s = ds.write(records, null);
                assertEquals(comp.name(), s.manifest().compressor());
                assertEquals("jsonl", s.manifest().codec());
                assertEquals(2, s.manifest().rowCount());
                assertTrue(s.manifest().files().getFirst().path().endsWith("/data/data" + comp.extension()));
                assertEquals(records, ds.read(s.id()));
                assertEquals(Metadata.empty(), ds.snapshot(s.id()).manifest().metadata(), "null metadata is stored as {}");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void snapshotsLinkToTheirParentAcrossEveryKindOfWrite(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Dataset raw = c.dataset("raw");
            DatasetSnapshot a = raw.write(new byte[] {1}, null);
            DatasetSnapshot b;
            try (StreamWriter w = raw.streamWrite(null)) {
                w.write(new byte[] {2});
                b = w.commit();
            }
            DatasetSnapshot cc = raw.write(new byte[] {3}, null);
            assertNull(a.manifest().parentSnapshotId());
            assertEquals(a.id(), b.manifest().parentSnapshotId());
            assertEquals(b.id(), cc.manifest().parentSnapshotId());
            assertEquals(List.of(a.id(), b.id(), cc.id()), raw.snapshots().stream().map(DatasetSnapshot::id).toList());
            assertEquals(cc.id(), raw.latest().id());

            Dataset rec = c.dataset("records", jsonl(Compressors.noop()));
            DatasetSnapshot r1 = rec.streamWriteRecords(List.of(Map.of("x", 1L)).iterator(), null);
            DatasetSnapshot r2 = rec.write(List.of(Map.of("x", 2L)), null);
            assertEquals(r1.id(), r2.manifest().parentSnapshotId());
            assertTrue(r2.id().compareTo(r1.id()) > 0, "ids increase");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void md5CoversTheStoredBytesAndIsOmittedWhenNotConfigured(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            List<Map<String, Object>> records = List.of(Map.of("id", 1L));
            Dataset plain = c.dataset("plain", DatasetOptions.defaults().withCodec(Codecs.jsonl()).withChecksum(Checksums.md5()));
            Dataset gz = c.dataset("gz", DatasetOptions.defaults().withCodec(Codecs.jsonl()).withCompressor(Compressors.gzip()).withChecksum(Checksums.md5()));
            Dataset none = c.dataset("none", jsonl(Compressors.noop()));
            Manifest p1 = plain.write(records, null).manifest();
            Manifest p2 = plain.write(records, null).manifest();
            Manifest g = gz.write(records, null).manifest();
            Manifest n = none.write(records, null).manifest();
            assertEquals("md5", p1.checksumAlgorithm());
            assertTrue(p1.files().getFirst().checksum().matches("[0-9a-f]{32}"));
            assertTrue(g.files().getFirst().checksum().matches("[0-9a-f]{32}"));
            assertEquals(p1.files().getFirst().checksum(), p2.files().getFirst().checksum(), "same data and settings, same checksum");
            assertTrue(!p1.files().getFirst().checksum().equals(g.files().getFirst().checksum()), "the checksum covers compressed bytes");
            assertNull(n.checksumAlgorithm());
            assertNull(n.files().getFirst().checksum());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void readsVerifyTheRecordedSizeAndChecksum(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            for (Compressor comp : List.of(Compressors.noop(), Compressors.gzip())) {
                Dataset ds = c.dataset("sums-" + comp.name(), DatasetOptions.defaults().withCodec(Codecs.jsonl()).withCompressor(comp)
                        .withChecksum(Checksums.md5()));
                FileRef f = ds.write(List.of(Map.of("a", 1L)), null).manifest().files().getFirst();
                String id = ds.latest().id();
                byte[] stored = c.store().get(f.path()).bytes();
                byte[] flipped = stored.clone();
                flipped[flipped.length - 1] ^= 1;
                c.store().put(f.path(), flipped, io.lode.spi.PutMode.OVERWRITE);
                fails(ErrorCode.CHECKSUM_MISMATCH, () -> ds.read(id), comp.name());
                byte[] longer = java.util.Arrays.copyOf(stored, stored.length + 1);
                c.store().put(f.path(), longer, io.lode.spi.PutMode.OVERWRITE);
                fails(ErrorCode.CORRUPTION, () -> ds.read(id), comp.name());
            }
            Dataset blob = c.dataset("blob-sum", DatasetOptions.defaults().withChecksum(Checksums.md5()));
            FileRef f = blob.write(new byte[] {1, 2, 3}, null).manifest().files().getFirst();
            c.store().put(f.path(), new byte[] {1, 2, 4}, io.lode.spi.PutMode.OVERWRITE);
            fails(ErrorCode.CHECKSUM_MISMATCH, () -> blob.readBlob(blob.latest().id()));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void timestampedRecordsGiveMinAndMax(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Dataset ds = c.dataset("times", jsonl(Compressors.noop()));
            Instant t1 = Instant.parse("2026-01-01T00:00:00Z");
            Instant t2 = Instant.parse("2026-01-02T00:00:00.5Z");
            Instant t3 = Instant.parse("2026-01-03T00:00:00Z");
            Manifest m = ds.write(List.of(new Event(t2), new Event(t1), new Event(t3)), null).manifest();
            assertEquals(t1, m.minTimestamp());
            assertEquals(t3, m.maxTimestamp());
            Manifest loaded = ds.snapshot(m.snapshotId()).manifest();
            assertEquals(t1, loaded.minTimestamp());
            Manifest streamed = ds.streamWriteRecords(List.of(new Event(t2)).iterator(), null).manifest();
            assertEquals(t2, streamed.minTimestamp());
            assertEquals(t2, streamed.maxTimestamp());
            Manifest untimed = ds.write(List.of(Map.of("a", 1L)), null).manifest();
            assertNull(untimed.minTimestamp());
            assertNull(untimed.maxTimestamp());
        }
    }

    /** A record that carries its time. */
    static final class Event extends AbstractMap<String, Object> implements Timestamped {
        private final Instant at;

        Event(Instant at) {
            this.at = at;
        }

        @Override
        public Instant timestamp() {
            return at;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Map.<String, Object>of("at", at.toString()).entrySet();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void readingWithOtherComponentsFailsBeforeReadingData(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Dataset gz = c.dataset("mix", jsonl(Compressors.gzip()));
            String id = gz.write(List.of(Map.of("a", 1L)), null).id();
            assertTrue(fails(ErrorCode.INVALID_ARGUMENT, () -> c.dataset("mix", jsonl(Compressors.noop())).read(id))
                    .getMessage().contains("compressor mismatch"));
            assertTrue(fails(ErrorCode.INVALID_ARGUMENT, () -> c.dataset("mix", DatasetOptions.defaults().withCompressor(Compressors.gzip())).readBlob(id))
                    .getMessage().contains("codec mismatch"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void badInputIsRejectedWithAMessageThatSaysWhatToDo(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            assertTrue(fails(ErrorCode.INVALID_ARGUMENT, () -> c.dataset("raw", DatasetOptions.defaults().withLayout(Layout.hive("day"))))
                    .getMessage().contains("raw blob mode"));
            assertTrue(fails(ErrorCode.INVALID_ARGUMENT, () -> Layout.hive()).getMessage().contains("at least one partition key"));
            fails(ErrorCode.INVALID_ARGUMENT, () -> DatasetOptions.defaults().withLayout(null));
            fails(ErrorCode.INVALID_ARGUMENT, () -> DatasetOptions.defaults().withCompressor(null));
            fails(ErrorCode.INVALID_ARGUMENT, () -> c.dataset("a/b"));
            fails(ErrorCode.INVALID_ARGUMENT, () -> c.dataset(""));
            fails(ErrorCode.INVALID_ARGUMENT, () -> c.dataset(null));
            Dataset raw = c.dataset("raw");
            fails(ErrorCode.INVALID_ARGUMENT, () -> raw.write(List.of(Map.of("a", 1)), null));
            fails(ErrorCode.INVALID_ARGUMENT, () -> raw.write((byte[]) null, null));
            Dataset rec = c.dataset("rec", jsonl(Compressors.noop()));
            fails(ErrorCode.INVALID_ARGUMENT, () -> rec.write(new byte[1], null));
            fails(ErrorCode.INVALID_ARGUMENT, () -> rec.write(List.of(Map.of("a", new Object())), null));
            fails(ErrorCode.INVALID_ARGUMENT, () -> rec.write(List.of(Map.of("a", Double.NaN)), null));
            fails(ErrorCode.INVALID_ARGUMENT, () -> rec.snapshot("../x"));
            fails(ErrorCode.INVALID_ARGUMENT, () -> Metadata.of("k", new Object()));
            fails(ErrorCode.INVALID_ARGUMENT, () -> Metadata.of(null, 1, "b", 2));
            fails(ErrorCode.NO_SNAPSHOTS, rec::latest);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void zeroRecordsMakeASnapshotWithAnEmptyFileList(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Dataset ds = c.dataset("zero", jsonl(Compressors.noop()));
            DatasetSnapshot s = ds.write(List.of(), Metadata.empty());
            assertEquals(List.of(), s.manifest().files());
            assertEquals(0, s.manifest().rowCount());
            assertEquals(List.of(), ds.read(s.id()));
            assertEquals(s.id(), c.datasetReader(Layout.defaultLayout()).listManifests("zero", "", 0).getFirst().id(),
                    "the reader validates it: files [] is valid");
        }
    }
}
