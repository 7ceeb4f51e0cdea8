package io.lode.examples.parquet;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.dataset.Codecs;
import io.lode.dataset.ColumnStats;
import io.lode.dataset.Compressors;
import io.lode.dataset.Dataset;
import io.lode.dataset.DatasetOptions;
import io.lode.dataset.FileRef;
import io.lode.dataset.Layout;
import io.lode.dataset.Manifest;
import io.lode.dataset.Metadata;
import io.lode.dataset.ParquetCompression;
import io.lode.dataset.ParquetField;
import io.lode.dataset.ParquetOptions;
import io.lode.dataset.ParquetSchema;
import io.lode.dataset.ParquetType;
import io.lode.examples.dataset.ExampleDirectory;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A hive-partitioned Parquet dataset on a local directory: write sensor readings partitioned by
 * day, print the per-file statistics the manifest records, then let DuckDB query exactly the files
 * the manifest lists. The Parquet codec comes from the {@code io.lode:lode-parquet} artifact; the
 * partition key lives in the path ({@code day=...}), not in the files.
 *
 * <p>Run: {@code JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -B -q -DskipTests -Pquickstart verify
 * -Dquickstart.main=io.lode.examples.parquet.ParquetExample} (first argument: the base directory).
 */
public final class ParquetExample {
    public static void main(String[] args) throws Exception {
        String url = ExampleDirectory.create(args, "parquet");
        ParquetSchema schema = ParquetSchema.of(
                ParquetField.required("id", ParquetType.INT64),
                ParquetField.required("sensor", ParquetType.STRING),
                ParquetField.nullable("celsius", ParquetType.FLOAT64),
                ParquetField.required("ok", ParquetType.BOOL),
                ParquetField.required("measured_at", ParquetType.TIMESTAMP));
        try (LodeConnection c = Lode.connect(url)) {
            // Parquet compresses its own pages, so the dataset's compressor stays noop.
            Dataset readings = c.dataset("readings", DatasetOptions.defaults()
                    .withCodec(Codecs.parquet(schema, ParquetOptions.defaults().withCompression(ParquetCompression.ZSTD)))
                    .withCompressor(Compressors.noop()).withLayout(Layout.hive("day")));
            List<Map<String, Object>> records = new ArrayList<>();
            Instant start = Instant.parse("2026-11-19T00:00:00Z");
            for (int i = 0; i < 3000; i++) {
                Instant at = start.plusSeconds(i * 86L);
                Map<String, Object> r = new HashMap<>();
                r.put("day", at.toString().substring(0, 10)); // the partition key
                r.put("id", (long) i);
                r.put("sensor", "sensor-" + (i % 4));
                r.put("celsius", i % 50 == 0 ? null : 15 + (i % 97) / 10.0);
                r.put("ok", i % 13 != 0);
                r.put("measured_at", at);
                records.add(r);
            }
            Manifest m = readings.write(records, Metadata.of("source", "parquet example")).manifest();
            System.out.println("snapshot " + m.snapshotId() + ": " + m.rowCount() + " rows, codec " + m.codec() + ", "
                    + m.files().size() + " files");
            for (FileRef f : m.files()) {
                System.out.println(f.path() + " (" + f.sizeBytes() + " bytes, " + f.stats().rowCount() + " rows)");
                for (ColumnStats col : f.stats().columns()) {
                    System.out.println("  " + col.name() + ": nulls " + col.nullCount()
                            + (col.min() == null ? "" : ", min " + col.min() + ", max " + col.max()));
                }
            }

            // The manifest is the commit: DuckDB reads exactly the files it lists.
            Path root = Path.of(URI.create(url.substring("lode:".length())));
            String files = m.files().stream().map(f -> "'" + root.resolve(f.path()) + "'").collect(Collectors.joining(", "));
            String sql = "SELECT day, count(*) AS n, round(avg(celsius), 2) AS avg_celsius, count(*) FILTER (WHERE NOT ok) AS failures, "
                    + "min(measured_at) AS first_at, max(measured_at) AS last_at FROM read_parquet([" + files + "], hive_partitioning = true) GROUP BY day ORDER BY day";
            System.out.println("DuckDB: " + sql);
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    System.out.printf("  %s  n=%d  avg=%.2f  failures=%d  %s .. %s%n", rs.getString("day"), rs.getLong("n"),
                            rs.getDouble("avg_celsius"), rs.getLong("failures"), rs.getString("first_at"), rs.getString("last_at"));
                }
            }
            System.out.println("read back through Lode: " + readings.read(m.snapshotId()).size() + " records");
        }
    }
}
