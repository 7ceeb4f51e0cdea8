package io.lode.parquet;

import static io.lode.LodeAssertions.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.dataset.Codec;
import io.lode.dataset.Codecs;
import io.lode.dataset.Compressors;
import io.lode.dataset.Dataset;
import io.lode.dataset.DatasetOptions;
import io.lode.dataset.Layout;
import io.lode.dataset.Manifest;
import io.lode.dataset.ParquetCompression;
import io.lode.dataset.ParquetField;
import io.lode.dataset.ParquetOptions;
import io.lode.dataset.ParquetSchema;
import io.lode.dataset.ParquetType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Interop with a real query engine, both ways: DuckDB reads the hive-partitioned Parquet dataset we
 * write (every value of every row, through the files the manifest lists), and our codec reads the
 * Parquet files DuckDB writes with {@code COPY ... (FORMAT parquet)}.
 */
class ParquetDuckDbInteropTest {
    /** A required id, then every type nullable (the rows leave {@code i64} out: all nulls). */
    static final ParquetSchema SCHEMA = ParquetSchema.of(Stream.concat(Stream.of(ParquetField.required("id", ParquetType.INT64)),
            ParquetCodecTest.ALL_NULLABLE.fields().stream()).toList());

    @TempDir
    Path root;

    /** One row as text, the same way for our values and DuckDB's. */
    static String row(Object... values) {
        List<String> parts = new ArrayList<>();
        for (Object v : values) {
            parts.add(switch (v) {
                case null -> "null";
                case byte[] b -> HexFormat.of().formatHex(b);
                case Instant t -> Long.toString(t.getEpochSecond() * 1_000_000_000L + t.getNano());
                default -> v.toString();
            });
        }
        return String.join("|", parts);
    }

    @ParameterizedTest
    @CsvSource({"SNAPPY", "ZSTD", "GZIP", "NONE"})
    void duckDbReadsOurHivePartitionedDatasetExactly(ParquetCompression compression) throws SQLException {
        List<String> expected = new ArrayList<>();
        try (LodeConnection c = Lode.connect("lode:" + root.toUri())) {
            Dataset ds = c.dataset("sales", DatasetOptions.defaults().withCodec(Codecs.parquet(SCHEMA, ParquetOptions.defaults().withCompression(compression)))
                    .withCompressor(Compressors.noop()).withLayout(Layout.hive("day")));
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                Map<String, Object> r = new LinkedHashMap<>();
                String day = "2026-11-" + (19 + i % 3);
                r.put("day", day); // the partition key: in the path, not in the schema
                r.put("id", (long) i);
                r.put("i32", i % 11 == 0 ? null : i - 300);
                r.put("f32", i % 13 == 0 ? null : i / 8f);
                r.put("f64", i * -1.25);
                r.put("s", i % 7 == 0 ? null : "item-" + i + (i % 3 == 0 ? "-ü" : ""));
                r.put("b", i % 5 == 0 ? null : i % 2 == 0);
                r.put("bytes", i % 9 == 0 ? null : new byte[] {(byte) i, (byte) (i >> 8), 0});
                // DuckDB reads TIMESTAMP(NANOS, UTC) as TIMESTAMPTZ, which keeps microseconds.
                r.put("ts", i % 10 == 0 ? null : Instant.parse("2026-11-21T08:00:00Z").plusNanos(i * 1_234_567_000L));
                records.add(r);
                expected.add(row(r.get("id"), r.get("i32"), r.get("f32"), r.get("f64"), r.get("s"), r.get("b"), r.get("bytes"), r.get("ts"), day));
            }
            Manifest m = ds.write(records, null).manifest();
            assertEquals(3, m.files().size(), "one file per day");
            String files = m.files().stream().map(f -> "'" + root.resolve(f.path()) + "'").collect(Collectors.joining(", "));
            String sql = "SELECT id, i32, f32, f64, s, b, bytes, epoch_ns(ts) AS ts, day FROM read_parquet([" + files
                    + "], hive_partitioning = true) ORDER BY id";
            List<String> actual = new ArrayList<>();
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    long ts = rs.getLong("ts");
                    Instant at = rs.wasNull() ? null : Instant.ofEpochSecond(0, ts);
                    actual.add(row(rs.getLong("id"), rs.getObject("i32"), rs.getObject("f32"), rs.getObject("f64"), rs.getString("s"),
                            rs.getObject("b"), rs.getBytes("bytes"), at, rs.getString("day")));
                }
            }
            assertEquals(expected.size(), actual.size(), "rows");
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), actual.get(i), "row " + i);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "snappy, V1, 100000",
        "zstd, V1, 300",
        "gzip, V2, 1000",
        "uncompressed, V2, 100000"})
    void ourCodecReadsWhatDuckDbWrites(String compression, String version, int rowGroupSize) throws SQLException, IOException {
        Path file = root.resolve("duck-" + compression + ".parquet");
        int n = 2500;
        String select = "SELECT i::INTEGER AS i32, (i * 1000000007)::BIGINT AS i64, (i / 4)::FLOAT AS f32, i * 1.5::DOUBLE AS f64, "
                + "CASE WHEN i % 5 = 0 THEN NULL ELSE 'name-' || i END AS s, i % 2 = 0 AS b, encode('blob-' || i) AS bytes, "
                + "make_timestamp(1700000000000000 + i * 1001) AS ts, make_timestamp(1700000000000000 + i * 1001)::TIMESTAMP_NS AS tsns, "
                + "'dict-' || (i % 4) AS dict FROM range(" + n + ") t(i)";
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet, COMPRESSION " + compression + ", PARQUET_VERSION " + version
                    + ", ROW_GROUP_SIZE " + rowGroupSize + ")");
        }
        // Every type, nullable (DuckDB writes OPTIONAL columns), plus nanosecond timestamps, a
        // dictionary-encoded string and a column the file does not have.
        List<ParquetField> fields = new ArrayList<>(ParquetCodecTest.ALL_NULLABLE.fields());
        fields.add(ParquetField.nullable("tsns", ParquetType.TIMESTAMP));
        fields.add(ParquetField.nullable("dict", ParquetType.STRING));
        fields.add(ParquetField.nullable("absent", ParquetType.STRING));
        ParquetSchema schema = ParquetSchema.of(fields);
        Codec codec = Codecs.parquet(schema);
        List<Map<String, Object>> back;
        try (InputStream in = Files.newInputStream(file)) {
            back = codec.decode(in);
        }
        assertEquals(n, back.size());
        for (int i = 0; i < n; i++) {
            Map<String, Object> r = back.get(i);
            Instant ts = Instant.ofEpochSecond(0, (1700000000000000L + i * 1001L) * 1000L);
            assertEquals(row(i, (long) i * 1000000007L, (float) (i / 4.0), i * 1.5, i % 5 == 0 ? null : "name-" + i, i % 2 == 0,
                    ("blob-" + i).getBytes(StandardCharsets.UTF_8), ts, ts, "dict-" + (i % 4), null),
                    row(r.get("i32"), r.get("i64"), r.get("f32"), r.get("f64"), r.get("s"), r.get("b"), r.get("bytes"), r.get("ts"),
                            r.get("tsns"), r.get("dict"), r.get("absent")), "row " + i);
        }
    }

    @Test
    void aFileWithoutASchemaColumnReadsNullOrFailsWhenRequired() throws SQLException, IOException {
        Path file = root.resolve("narrow.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("COPY (SELECT 1::BIGINT AS id) TO '" + file + "' (FORMAT parquet)");
        }
        Codec needsName = Codecs.parquet(ParquetSchema.of(ParquetField.required("id", ParquetType.INT64),
                ParquetField.required("name", ParquetType.STRING)));
        Codec wrongType = Codecs.parquet(ParquetSchema.of(ParquetField.required("id", ParquetType.STRING)));
        Codec noneOfItsColumns = Codecs.parquet(ParquetSchema.of(ParquetField.nullable("other", ParquetType.STRING)));
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, Object> onlyNull = new LinkedHashMap<>();
            onlyNull.put("other", null);
            assertEquals(List.of(onlyNull), noneOfItsColumns.decode(in), "one row, with the nullable field absent from the file as null");
        }
        try (InputStream in = Files.newInputStream(file)) {
            assertFails(ErrorCode.SCHEMA_VIOLATION, () -> needsName.decode(in));
        }
        try (InputStream in = Files.newInputStream(file)) {
            assertFails(ErrorCode.SCHEMA_VIOLATION, () -> wrongType.decode(in));
        }
    }

    @Test
    void aPageCompressionWeDoNotReadIsUnsupportedNamingIt() throws SQLException, IOException {
        Path file = root.resolve("lz4.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("COPY (SELECT i::BIGINT AS id FROM range(100) t(i)) TO '" + file + "' (FORMAT parquet, COMPRESSION lz4)");
        }
        Codec codec = Codecs.parquet(ParquetSchema.of(ParquetField.required("id", ParquetType.INT64)));
        try (InputStream in = Files.newInputStream(file)) {
            LodeException e = assertFails(ErrorCode.UNSUPPORTED, () -> codec.decode(in));
            assertTrue(e.getMessage().contains("LZ4"), e.getMessage());
        }
    }
}
