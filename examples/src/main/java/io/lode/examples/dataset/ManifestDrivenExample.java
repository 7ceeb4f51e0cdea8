package io.lode.examples.dataset;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.dataset.Codecs;
import io.lode.dataset.DatasetOptions;
import io.lode.dataset.DatasetReader;
import io.lode.dataset.FileRef;
import io.lode.dataset.Layout;
import io.lode.dataset.Manifest;
import io.lode.dataset.ManifestRef;
import io.lode.dataset.ObjectRef;
import io.lode.spi.ObjectStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * manifest_driven: discover what a store holds without knowing it in advance, using only
 * manifests: datasets, their snapshots, each snapshot's files, and a ranged read of one file.
 */
public final class ManifestDrivenExample {
    public static void main(String[] args) throws Exception {
        try (LodeConnection c = Lode.connect(ExampleDirectory.create(args, "manifest-driven"))) {
            DatasetOptions jsonl = DatasetOptions.defaults().withCodec(Codecs.jsonl());
            c.dataset("orders", jsonl).write(List.of(Map.of("order", 1, "total", 9.5)), null);
            c.dataset("orders", jsonl).write(List.of(Map.of("order", 2, "total", 12.0)), null);
            c.dataset("customers", jsonl).write(List.of(Map.of("customer", "ada")), null);

            DatasetReader reader = c.datasetReader(Layout.defaultLayout());
            for (String dataset : reader.listDatasets(0)) {
                for (ManifestRef ref : reader.listManifests(dataset, "", 0)) {
                    Manifest m = reader.getManifest(dataset, ref);
                    System.out.println(dataset + " @ " + ref.id() + ": " + m.rowCount() + " rows, parent " + m.parentSnapshotId());
                    for (FileRef f : m.files()) {
                        ObjectRef object = new ObjectRef(dataset, ref, f.path());
                        try (ObjectStream in = reader.openObject(object)) {
                            System.out.print("  " + f.path() + ": " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                        System.out.println("  first 8 bytes: " + new String(reader.readRange(object, 0, 8), StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }
}
