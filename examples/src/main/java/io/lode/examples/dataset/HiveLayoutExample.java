package io.lode.examples.dataset;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.dataset.Codecs;
import io.lode.dataset.Compressors;
import io.lode.dataset.Dataset;
import io.lode.dataset.DatasetOptions;
import io.lode.dataset.DatasetReader;
import io.lode.dataset.FileRef;
import io.lode.dataset.Layout;
import io.lode.dataset.Manifest;
import io.lode.dataset.Metadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * hive_layout: records partitioned by day into {@code partitions/day=.../} directories, listed by
 * partition with a {@link DatasetReader}, and the "query engines consume it" story: the manifest
 * names the committed files, and any engine that reads hive-partitioned JSON can aggregate them.
 * The printed DuckDB query is the one our test suite runs (DuckDbInteropTest).
 */
public final class HiveLayoutExample {
    public static void main(String[] args) throws Exception {
        String url = ExampleDirectory.create(args, "hive-layout");
        try (LodeConnection c = Lode.connect(url)) {
            Dataset sales = c.dataset("sales", DatasetOptions.defaults().withCodec(Codecs.jsonl()).withCompressor(Compressors.gzip())
                    .withLayout(Layout.hive("day")));
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                records.add(Map.of("day", "2026-11-" + (19 + i % 3), "id", i, "amount", i * 7 % 101));
            }
            Manifest m = sales.write(records, Metadata.of("source", "example")).manifest();
            DatasetReader reader = c.datasetReader(Layout.hive("day"));
            System.out.println("partitions: " + reader.listPartitions("sales", 0));
            System.out.println("snapshots with day=2026-11-20: " + reader.listManifests("sales", "day=2026-11-20", 0));

            Path root = Path.of(java.net.URI.create(url.substring("lode:".length())));
            String files = m.files().stream().map(FileRef::path).map(p -> "'" + root.resolve(p) + "'").collect(Collectors.joining(", "));
            System.out.println("query it, e.g. with DuckDB:");
            System.out.println("  SELECT day, count(*), sum(amount) FROM read_json([" + files + "],"
                    + " hive_partitioning = true, format = 'newline_delimited') GROUP BY day ORDER BY day;");
        }
    }
}
