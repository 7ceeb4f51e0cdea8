package io.lode.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lode.Lode;
import io.lode.LodeConnection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real query engine consumes what we write: DuckDB reads a hive-partitioned, gzip-compressed JSONL
 * dataset through the files its latest manifest lists, and its aggregates equal what we wrote.
 */
class DuckDbInteropTest {
    @TempDir
    Path root;

    @Test
    void duckDbAggregatesAHivePartitionedGzipJsonlDatasetAsWritten() throws SQLException {
        Map<String, long[]> expected = new TreeMap<>(); // day -> {count, sum of amount}
        try (LodeConnection c = Lode.connect("lode:" + root.toUri())) {
            Dataset sales = c.dataset("sales", DatasetOptions.defaults().withCodec(Codecs.jsonl()).withCompressor(Compressors.gzip())
                    .withChecksum(Checksums.md5()).withLayout(Layout.hive("day")));
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String day = "2026-11-" + (19 + i % 3);
                long amount = i * 7L % 101;
                records.add(Map.of("day", day, "id", (long) i, "amount", amount, "item", "item-" + (i % 5)));
                expected.computeIfAbsent(day, k -> new long[2])[0]++;
                expected.get(day)[1] += amount;
            }
            Manifest m = sales.write(records, null).manifest();
            // The manifest is the commit: an engine reads exactly the files it lists.
            String files = m.files().stream().map(f -> "'" + root.resolve(f.path()) + "'").collect(Collectors.joining(", "));
            String sql = "SELECT day, count(*) AS n, sum(amount) AS total FROM read_json([" + files + "], hive_partitioning = true, "
                    + "format = 'newline_delimited') GROUP BY day ORDER BY day";
            Map<String, long[]> actual = new TreeMap<>();
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    actual.put(rs.getString("day"), new long[] {rs.getLong("n"), rs.getLong("total")});
                }
            }
            assertEquals(expected.keySet(), actual.keySet());
            expected.forEach((day, v) -> {
                assertEquals(v[0], actual.get(day)[0], "count of " + day);
                assertEquals(v[1], actual.get(day)[1], "sum of " + day);
            });
        }
    }
}
