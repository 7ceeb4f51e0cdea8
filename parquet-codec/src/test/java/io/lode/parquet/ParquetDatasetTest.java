package io.lode.parquet;

import static io.lode.LodeAssertions.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.LodeConnection;
import io.lode.dataset.Backend;
import io.lode.dataset.Codec;
import io.lode.dataset.Codecs;
import io.lode.dataset.ColumnStats;
import io.lode.dataset.Compressors;
import io.lode.dataset.Dataset;
import io.lode.dataset.DatasetOptions;
import io.lode.dataset.DatasetSnapshot;
import io.lode.dataset.FileRef;
import io.lode.dataset.Layout;
import io.lode.dataset.Manifest;
import io.lode.dataset.Metadata;
import io.lode.dataset.ParquetCompression;
import io.lode.dataset.ParquetField;
import io.lode.dataset.ParquetOptions;
import io.lode.dataset.ParquetSchema;
import io.lode.dataset.ParquetType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Parquet through a {@link Dataset}: the manifest names the codec and carries each file's statistics. */
class ParquetDatasetTest {
    static final ParquetSchema SCHEMA = ParquetSchema.of(
            ParquetField.required("id", ParquetType.INT64),
            ParquetField.nullable("name", ParquetType.STRING),
            ParquetField.required("flag", ParquetType.BOOL),
            ParquetField.nullable("at", ParquetType.TIMESTAMP));

    static DatasetOptions parquet(Codec codec) {
        return DatasetOptions.defaults().withCodec(codec).withCompressor(Compressors.noop());
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"MEM", "FILE"})
    void writeRecordsCodecRowCountAndStatsAndReadsBack(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Dataset ds = c.dataset("events", parquet(Codecs.parquet(SCHEMA)));
            List<Map<String, Object>> records = List.of(
                    Map.of("id", 10L, "name", "b", "flag", true, "at", Instant.parse("2026-11-21T08:00:00.5Z")),
                    Map.of("id", 1L, "flag", false, "at", "2026-11-20T08:00:00Z"));
            DatasetSnapshot s = ds.write(records, Metadata.of("batch", "1"));
            Manifest m = s.manifest();
            assertEquals("parquet", m.codec());
            assertEquals(2, m.rowCount());
            FileRef file = m.files().getFirst();
            assertNotNull(file.stats(), "a statistical codec's stats reach the manifest");
            assertEquals(2, file.stats().rowCount());
            assertEquals(List.of("id", "name", "flag", "at"), file.stats().columns().stream().map(ColumnStats::name).toList());

            // The JSON as stored, in Lode's wire format.
            String json = new String(c.store().get(manifestKey(m)).bytes(), StandardCharsets.UTF_8).replaceAll("\\s", "");
            assertTrue(json.contains("\"stats\":{\"row_count\":2,\"columns\":["
                    + "{\"name\":\"id\",\"min\":1,\"max\":10,\"null_count\":0},"
                    + "{\"name\":\"name\",\"min\":\"b\",\"max\":\"b\",\"null_count\":1},"
                    + "{\"name\":\"flag\",\"null_count\":0},"
                    + "{\"name\":\"at\",\"min\":\"2026-11-20T08:00:00Z\",\"max\":\"2026-11-21T08:00:00.5Z\",\"null_count\":0}]}"), json);

            List<Map<String, Object>> back = ds.read(s.id());
            assertEquals(2, back.size());
            assertEquals(10L, back.get(0).get("id"));
            assertEquals(Instant.parse("2026-11-20T08:00:00Z"), back.get(1).get("at"));
            assertTrue(back.get(1).containsKey("name") && back.get(1).get("name") == null, "a null is an explicit null");

            // A fresh handle reads the stats back from JSON (numbers as JSON numbers, instants as strings).
            ColumnStats id = c.dataset("events", parquet(Codecs.parquet(SCHEMA))).latest().manifest().files().getFirst()
                    .stats().columns().getFirst();
            assertEquals(1L, ((Number) id.min()).longValue());
            assertEquals(10L, ((Number) id.max()).longValue());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"MEM", "FILE"})
    void streamWriteRecordsIsNotSupported(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Dataset ds = c.dataset("events", parquet(Codecs.parquet(SCHEMA)));
            assertFails(ErrorCode.CODEC_NOT_STREAMABLE, () -> ds.streamWriteRecords(List.of(Map.of("id", 1L, "flag", true)).iterator(), null));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"MEM", "FILE"})
    void aSchemaViolationCommitsNothing(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Dataset ds = c.dataset("events", parquet(Codecs.parquet(SCHEMA)));
            assertFails(ErrorCode.SCHEMA_VIOLATION, () -> ds.write(List.of(Map.of("id", "one", "flag", true)), null));
            assertFails(ErrorCode.NO_SNAPSHOTS, ds::latest);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"MEM", "FILE"})
    void hivePartitionsGetAFileAndStatsEach(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            ParquetSchema schema = ParquetSchema.of(ParquetField.required("day", ParquetType.STRING), ParquetField.required("n", ParquetType.INT32));
            Dataset ds = c.dataset("sales", DatasetOptions.defaults().withCodec(Codecs.parquet(schema, ParquetOptions.defaults().withCompression(ParquetCompression.ZSTD)))
                    .withLayout(Layout.hive("day")));
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                records.add(Map.of("day", "2026-11-" + (20 + i % 2), "n", i));
            }
            Manifest m = ds.write(records, null).manifest();
            assertEquals(2, m.files().size());
            for (FileRef f : m.files()) {
                assertEquals(15, f.stats().rowCount());
                String day = f.path().contains("day=2026-11-20") ? "2026-11-20" : "2026-11-21";
                assertEquals(day, f.stats().columns().get(0).min());
                assertEquals(day, f.stats().columns().get(0).max());
            }
            assertEquals(30, ds.read(m.snapshotId()).size());
        }
    }

    private static String manifestKey(Manifest m) {
        return "datasets/" + m.datasetId() + "/snapshots/" + m.snapshotId() + "/manifest.json";
    }
}
