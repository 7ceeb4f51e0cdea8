package io.lode.examples.dataset;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.dataset.Codecs;
import io.lode.dataset.Compressors;
import io.lode.dataset.Dataset;
import io.lode.dataset.DatasetOptions;
import io.lode.dataset.DatasetSnapshot;
import io.lode.dataset.Metadata;
import java.util.List;
import java.util.Map;

/**
 * default_layout: JSONL records in gzip, two snapshots with a parent link, read back by id and by
 * {@code latest()}. Objects land at {@code datasets/events/snapshots/<id>/...}, as Lode writes them.
 */
public final class DefaultLayoutExample {
    public static void main(String[] args) throws Exception {
        try (LodeConnection c = Lode.connect(ExampleDirectory.create(args, "default-layout"))) {
            Dataset events = c.dataset("events", DatasetOptions.defaults().withCodec(Codecs.jsonl()).withCompressor(Compressors.gzip()));
            DatasetSnapshot first = events.write(List.of(Map.of("id", 1, "kind", "signup"), Map.of("id", 2, "kind", "login")),
                    Metadata.of("batch", "1"));
            DatasetSnapshot second = events.write(List.of(Map.of("id", 3, "kind", "logout")), Metadata.of("batch", "2"));
            System.out.println("snapshot " + second.id() + " has parent " + second.manifest().parentSnapshotId() + " (= " + first.id() + ")");
            System.out.println("latest: " + events.latest().id() + ", records: " + events.read(events.latest().id()));
            System.out.println("history: " + events.snapshots().stream().map(DatasetSnapshot::id).toList());
        }
    }
}
