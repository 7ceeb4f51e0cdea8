package io.lode.dataset;

import static io.lode.dataset.Backend.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.LodeConnection;
import io.lode.dataset.internal.ManifestJson;
import io.lode.internal.json.ChecksumEdits;
import io.lode.spi.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Wire compatibility: manifests and layouts written by hand from the documented examples (docs/dataset-format.md), in the exact
 * bytes Go's {@code json.MarshalIndent} produces, are read back, and ours are byte-for-byte the same.
 */
class GoldenManifestTest {
    /** docs/dataset-format.md's example: gzip JSONL with md5, a second snapshot. */
    static final String EXAMPLE = """
            {
              "schema_name": "lode-manifest",
              "format_version": "1.0.0",
              "dataset_id": "events",
              "snapshot_id": "1739404300123456789",
              "created_at": "2026-02-12T23:51:40.123456789Z",
              "metadata": {
                "batch": "1",
                "source": "demo"
              },
              "files": [
                {
                  "path": "datasets/events/snapshots/1739404300123456789/data/data.gz",
                  "size_bytes": %d,
                  "checksum": "%s"
                }
              ],
              "parent_snapshot_id": "1739404299000000001",
              "row_count": 2,
              "codec": "jsonl",
              "compressor": "gzip",
              "partitioner": "noop",
              "checksum_algorithm": "md5"
            }""";

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(b)) {
            out.write(utf8(s));
        }
        return b.toByteArray();
    }

    static String md5(byte[] b) {
        Checksum.Hasher h = Checksums.md5().newHasher();
        h.update(b, 0, b.length);
        return h.sum();
    }

    @Test
    void theSpecExampleIsReadFieldByFieldAndWrittenBackByteForByte() throws IOException {
        try (LodeConnection c = Backend.MEM.connect()) {
            ObjectStore store = c.store();
            // Go's JSONL: sorted keys, HTML characters escaped, a newline after each record.
            byte[] data = gzip("{\"id\":1,\"note\":\"\\u003cb\\u003e\"}\n{\"id\":2,\"note\":\"x\"}\n");
            String json = EXAMPLE.formatted(data.length, md5(data));
            store.put("datasets/events/snapshots/1739404300123456789/data/data.gz", data);
            store.put("datasets/events/snapshots/1739404300123456789/manifest.json", utf8(json));
            store.put("datasets/events/latest", utf8("1739404300123456789"));

            Dataset ds = c.dataset("events", DatasetOptions.defaults().withCodec(Codecs.jsonl()).withCompressor(Compressors.gzip())
                    .withChecksum(Checksums.md5()));
            Manifest m = ds.latest().manifest();
            assertEquals("lode-manifest", m.schemaName());
            assertEquals("1.0.0", m.formatVersion());
            assertEquals("events", m.datasetId());
            assertEquals("1739404300123456789", m.snapshotId());
            assertEquals(Instant.parse("2026-02-12T23:51:40.123456789Z"), m.createdAt());
            assertEquals(Map.of("batch", "1", "source", "demo"), m.metadata().asMap());
            assertEquals(List.of(new FileRef("datasets/events/snapshots/1739404300123456789/data/data.gz", data.length, md5(data), null)), m.files());
            assertEquals("1739404299000000001", m.parentSnapshotId());
            assertEquals(2, m.rowCount());
            assertNull(m.minTimestamp());
            assertEquals("jsonl", m.codec());
            assertEquals("gzip", m.compressor());
            assertEquals("noop", m.partitioner());
            assertEquals("md5", m.checksumAlgorithm());
            assertEquals(List.of(Map.of("id", 1L, "note", "<b>"), Map.of("id", 2L, "note", "x")), ds.read(m.snapshotId()));

            assertEquals(json, ChecksumEdits.withoutChecksum(new String(ManifestJson.write(m), StandardCharsets.UTF_8)),
                    "Go's bytes, and then the crc32c property that Go ignores");
        }
    }

    @Test
    void ourJsonlFileIsTheBytesGoWrites() {
        try (LodeConnection c = Backend.MEM.connect()) {
            Dataset ds = c.dataset("lines", DatasetOptions.defaults().withCodec(Codecs.jsonl()));
            FileRef f = ds.write(List.of(Map.of("note", "<b>&", "id", 1L, "n", 2.0, "f", 0.5)), null).manifest().files().getFirst();
            assertEquals("{\"f\":0.5,\"id\":1,\"n\":2,\"note\":\"\\u003cb\\u003e\\u0026\"}\n",
                    new String(c.store().get(f.path()).bytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aFirstRawSnapshotOmitsWhatGoOmits() {
        try (LodeConnection c = Backend.MEM.connect()) {
            DatasetSnapshot s = c.dataset("blob").write(new byte[] {1, 2, 3}, Metadata.empty());
            String json = new String(c.store().get("datasets/blob/snapshots/" + s.id() + "/manifest.json").bytes(), StandardCharsets.UTF_8);
            assertEquals("""
                    {
                      "schema_name": "lode-manifest",
                      "format_version": "1.0.0",
                      "dataset_id": "blob",
                      "snapshot_id": "%s",
                      "created_at": "%s",
                      "metadata": {},
                      "files": [
                        {
                          "path": "datasets/blob/snapshots/%s/data/blob",
                          "size_bytes": 3
                        }
                      ],
                      "row_count": 1,
                      "compressor": "noop",
                      "partitioner": "noop"
                    }""".formatted(s.id(), io.lode.internal.json.Rfc3339.format(s.manifest().createdAt()), s.id()),
                    ChecksumEdits.withoutChecksum(json));
            assertTrue(json.matches("(?s).*\"partitioner\": \"noop\",\n  \"crc32c\": \"[0-9a-f]{8}\"\n}"), json);
            assertEquals(s.id(), new String(c.store().get("datasets/blob/latest").bytes(), StandardCharsets.UTF_8), "the bare id, no newline");
        }
    }

    @Test
    void createdAtIsTheInstantTheIdNamesInGoRfc3339Nano() {
        try (LodeConnection c = Backend.MEM.connect()) {
            DatasetSnapshot s = c.dataset("t").write(new byte[] {1}, null);
            long nanos = Long.parseLong(s.id());
            Instant t = s.manifest().createdAt();
            assertEquals(nanos, t.getEpochSecond() * 1_000_000_000L + t.getNano());
            assertEquals("2026-02-12T23:51:40.1234Z", io.lode.internal.json.Rfc3339.format(Instant.parse("2026-02-12T23:51:40.123400Z")));
            assertEquals("2026-02-12T23:53:20Z", io.lode.internal.json.Rfc3339.format(Instant.parse("2026-02-12T23:53:20Z")));
        }
    }

    @Test
    void aHiveDatasetWrittenByGoIsListedAndRead() {
        try (LodeConnection c = Backend.MEM.connect()) {
            ObjectStore store = c.store();
            String id = "1739404300000000000";
            String a = "datasets/logs/partitions/day=2026-01-01/segments/" + id + "/data/data";
            String b = "datasets/logs/partitions/day=2026-01-02/segments/" + id + "/data/data";
            store.put(a, utf8("{\"day\":\"2026-01-01\",\"n\":1}\n"));
            store.put(b, utf8("{\"day\":\"2026-01-02\",\"n\":2}\n"));
            String manifest = """
                    {
                      "schema_name": "lode-manifest",
                      "format_version": "1.0.0",
                      "dataset_id": "logs",
                      "snapshot_id": "%s",
                      "created_at": "2025-02-12T23:51:40Z",
                      "metadata": {},
                      "files": [
                        {
                          "path": "%s",
                          "size_bytes": 27
                        },
                        {
                          "path": "%s",
                          "size_bytes": 27
                        }
                      ],
                      "row_count": 2,
                      "codec": "jsonl",
                      "compressor": "noop",
                      "partitioner": "hive"
                    }""".formatted(id, a, b);
            // Written before Lode 0.7.3: partition copies only, no canonical copy, no pointer.
            store.put("datasets/logs/partitions/day=2026-01-01/segments/" + id + "/manifest.json", utf8(manifest));
            store.put("datasets/logs/partitions/day=2026-01-02/segments/" + id + "/manifest.json", utf8(manifest));

            Dataset ds = c.dataset("logs", DatasetOptions.defaults().withCodec(Codecs.jsonl()).withLayout(Layout.hive("day")));
            assertEquals(id, ds.latest().id());
            assertEquals(2, ds.read(id).size());
            DatasetReader reader = c.datasetReader(Layout.hive("day"));
            assertEquals(List.of("logs"), reader.listDatasets(0));
            assertEquals(List.of("day=2026-01-01", "day=2026-01-02"), reader.listPartitions("logs", 0));
            assertEquals(List.of(new ManifestRef(id, "day=2026-01-02")), reader.listManifests("logs", "day=2026-01-02", 0));
            assertEquals(manifest, ChecksumEdits.withoutChecksum(new String(ManifestJson.write(
                    reader.getManifest("logs", new ManifestRef(id, "day=2026-01-01"))), StandardCharsets.UTF_8)));
        }
    }

    static final String VALID = """
            {"schema_name":"lode-manifest","format_version":"1.0.0","dataset_id":"ds","snapshot_id":"1",
             "created_at":"2026-01-01T00:00:00Z","metadata":{},"files":[{"path":"p","size_bytes":1}],
             "row_count":1,"compressor":"noop","partitioner":"noop"}""";

    @ParameterizedTest
    @ValueSource(strings = {
        "\"schema_name\":\"lode-manifest\",=>",
        "\"format_version\":\"1.0.0\",=>",
        "\"dataset_id\":\"ds\",=>",
        "\"snapshot_id\":\"1\",=>\"snapshot_id\":\"\",",
        "\"created_at\":\"2026-01-01T00:00:00Z\"=>\"created_at\":\"0001-01-01T00:00:00Z\"",
        "\"created_at\":\"2026-01-01T00:00:00Z\"=>\"created_at\":\"yesterday\"",
        "\"metadata\":{}=>\"metadata\":null",
        "\"files\":[{\"path\":\"p\",\"size_bytes\":1}]=>\"files\":null",
        "\"row_count\":1=>\"row_count\":-1",
        "\"compressor\":\"noop\",=>",
        ",\"partitioner\":\"noop\"=>",
        "\"path\":\"p\"=>\"path\":\"\"",
        "\"size_bytes\":1=>\"size_bytes\":-1",
        "{\"schema_name\"=>[{\"schema_name\"",
    })
    void everyBrokenRequiredFieldIsManifestInvalid(String edit) {
        String[] e = edit.split("=>", -1);
        String broken = VALID.replace(e[0], e[1]);
        assertTrue(!broken.equals(VALID), edit);
        try (LodeConnection c = Backend.MEM.connect()) {
            c.store().put("datasets/ds/snapshots/1/manifest.json", utf8(broken));
            DatasetReader reader = c.datasetReader(Layout.defaultLayout());
            assertTrue(fails(ErrorCode.MANIFEST_INVALID, () -> reader.getManifest("ds", new ManifestRef("1", "")))
                    .getMessage().startsWith("invalid manifest: "));
            fails(ErrorCode.MANIFEST_INVALID, () -> reader.listManifests("ds", "", 0));
            fails(ErrorCode.MANIFEST_INVALID, () -> c.dataset("ds").snapshot("1"));
            fails(ErrorCode.MANIFEST_INVALID, () -> c.dataset("ds").latest());
        }
    }

    @Test
    void theValidManifestOfTheValidationTestsIsValid() {
        try (LodeConnection c = Backend.MEM.connect()) {
            c.store().put("datasets/ds/snapshots/1/manifest.json", utf8(VALID));
            assertEquals(1, c.datasetReader(Layout.defaultLayout()).getManifest("ds", new ManifestRef("1", "")).rowCount());
        }
    }
}
