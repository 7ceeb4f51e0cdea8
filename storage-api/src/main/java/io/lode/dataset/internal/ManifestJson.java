package io.lode.dataset.internal;

import static io.lode.snapshot.ManifestFields.createdAt;
import static io.lode.snapshot.ManifestFields.emptyToNull;
import static io.lode.snapshot.ManifestFields.invalid;
import static io.lode.snapshot.ManifestFields.metadata;
import static io.lode.snapshot.ManifestFields.optional;
import static io.lode.snapshot.ManifestFields.parse;
import static io.lode.snapshot.ManifestFields.required;

import io.lode.dataset.ColumnStats;
import io.lode.dataset.FileRef;
import io.lode.dataset.FileStats;
import io.lode.dataset.Manifest;
import io.lode.dataset.Metadata;
import io.lode.internal.json.ContentChecksum;
import io.lode.internal.json.JsonFormat;
import io.lode.internal.json.JsonObject;
import io.lode.internal.json.JsonValues;
import io.lode.internal.json.Rfc3339;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/**
 * Dataset manifests as Lode's JSON: field names, order and omission rules of {@code docs/dataset-format.md},
 * laid out as Go's {@code json.MarshalIndent}. Reading validates every rule Lode's reader checks;
 * any failure is {@code MANIFEST_INVALID} with the message {@code invalid manifest: <field>: <reason>}.
 */
public final class ManifestJson {
    private ManifestJson() {}

    public static byte[] write(Manifest m) {
        return ContentChecksum.seal(JsonFormat.writeGoIndented(g -> {
            g.writeStartObject();
            g.writeStringProperty("schema_name", m.schemaName());
            g.writeStringProperty("format_version", m.formatVersion());
            g.writeStringProperty("dataset_id", m.datasetId());
            g.writeStringProperty("snapshot_id", m.snapshotId());
            g.writeStringProperty("created_at", Rfc3339.format(m.createdAt()));
            g.writeName("metadata");
            JsonValues.write(g, m.metadata().asMap(), "metadata");
            g.writeArrayPropertyStart("files");
            for (FileRef f : m.files()) {
                writeFile(g, f);
            }
            g.writeEndArray();
            optional(g, "parent_snapshot_id", m.parentSnapshotId());
            g.writeNumberProperty("row_count", m.rowCount());
            optional(g, "min_timestamp", m.minTimestamp() == null ? null : Rfc3339.format(m.minTimestamp()));
            optional(g, "max_timestamp", m.maxTimestamp() == null ? null : Rfc3339.format(m.maxTimestamp()));
            optional(g, "codec", m.codec());
            g.writeStringProperty("compressor", m.compressor());
            g.writeStringProperty("partitioner", m.partitioner());
            optional(g, "checksum_algorithm", m.checksumAlgorithm());
            g.writeEndObject();
        }));
    }

    private static void writeFile(JsonGenerator g, FileRef f) {
        g.writeStartObject();
        g.writeStringProperty("path", f.path());
        g.writeNumberProperty("size_bytes", f.sizeBytes());
        optional(g, "checksum", f.checksum());
        if (f.stats() != null) {
            g.writeObjectPropertyStart("stats");
            g.writeNumberProperty("row_count", f.stats().rowCount());
            if (!f.stats().columns().isEmpty()) {
                g.writeArrayPropertyStart("columns");
                for (ColumnStats c : f.stats().columns()) {
                    g.writeStartObject();
                    g.writeStringProperty("name", c.name());
                    if (c.min() != null) {
                        g.writeName("min");
                        JsonValues.write(g, c.min(), "min");
                    }
                    if (c.max() != null) {
                        g.writeName("max");
                        JsonValues.write(g, c.max(), "max");
                    }
                    g.writeNumberProperty("null_count", c.nullCount());
                    if (c.distinctCount() != 0) {
                        g.writeNumberProperty("distinct_count", c.distinctCount());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** Parses and validates a manifest read from {@code key}. */
    public static Manifest read(byte[] json, String key) {
        return parse(json, key, o -> readFields(o, key));
    }

    private static Manifest readFields(JsonObject o, String key) {
        o.allowOnly("schema_name", "format_version", "dataset_id", "snapshot_id", "created_at", "metadata", "files",
                "parent_snapshot_id", "row_count", "min_timestamp", "max_timestamp", "codec", "compressor", "partitioner",
                "checksum_algorithm");
        String schema = required(o, key, "schema_name");
        String version = required(o, key, "format_version");
        String ds = required(o, key, "dataset_id");
        String id = required(o, key, "snapshot_id");
        Instant createdAt = createdAt(o, key);
        Metadata metadata = metadata(o, key);
        if (!o.has("files")) {
            throw invalid(key, "files", "must be present (use [] for none)");
        }
        List<FileRef> files = new ArrayList<>();
        List<JsonObject> fileObjects = o.objects("files");
        for (int i = 0; i < fileObjects.size(); i++) {
            files.add(readFile(fileObjects.get(i), key, i));
        }
        long rowCount = o.integer("row_count");
        if (rowCount < 0) {
            throw invalid(key, "row_count", "must not be negative, found " + rowCount);
        }
        String compressor = required(o, key, "compressor");
        String partitioner = required(o, key, "partitioner");
        return new Manifest(schema, version, ds, id, createdAt, metadata, files, emptyToNull(o.optString("parent_snapshot_id")),
                rowCount, time(o, key, "min_timestamp"), time(o, key, "max_timestamp"), emptyToNull(o.optString("codec")),
                compressor, partitioner, emptyToNull(o.optString("checksum_algorithm")));
    }

    private static FileRef readFile(JsonObject f, String key, int i) {
        String where = "files[" + i + "]";
        f.allowOnly("path", "size_bytes", "checksum", "stats");
        String path = f.optString("path");
        if (path == null || path.isEmpty()) {
            throw invalid(key, where + ".path", "must not be empty");
        }
        long size = f.integer("size_bytes");
        if (size < 0) {
            throw invalid(key, where + ".size_bytes", "must not be negative, found " + size);
        }
        FileStats stats = null;
        JsonObject s = f.optObject("stats");
        if (s != null) {
            s.allowOnly("row_count", "columns");
            List<ColumnStats> columns = new ArrayList<>();
            for (JsonObject c : s.optObjects("columns")) {
                c.allowOnly("name", "min", "max", "null_count", "distinct_count");
                Map<String, Object> plain = c.asPlainMap();
                columns.add(new ColumnStats(c.string("name"), plain.get("min"), plain.get("max"),
                        c.optInteger("null_count").orElse(0), c.optInteger("distinct_count").orElse(0)));
            }
            stats = new FileStats(s.optInteger("row_count").orElse(0), columns);
        }
        return new FileRef(path, size, emptyToNull(f.optString("checksum")), stats);
    }

    private static Instant time(JsonObject o, String key, String field) {
        String s = o.optString(field);
        if (s == null || s.isEmpty()) {
            return null;
        }
        Instant t = Rfc3339.parseOrNull(s);
        if (t == null) {
            throw invalid(key, field, "is not an RFC 3339 time: '" + s + "'");
        }
        return t;
    }
}
