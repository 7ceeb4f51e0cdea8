package io.lode.volume.internal;

import io.lode.dataset.Metadata;
import io.lode.internal.json.JsonValues;
import io.lode.internal.json.Rfc3339;
import io.lode.snapshot.ManifestFields;
import io.lode.internal.json.ContentChecksum;
import io.lode.internal.json.JsonFormat;
import io.lode.internal.json.JsonObject;
import io.lode.volume.BlockRef;
import io.lode.volume.VolumeManifest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Volume manifests as Lode's JSON. Reading validates every field, sorts the blocks by offset and
 * rejects overlaps; any failure is {@code MANIFEST_INVALID}.
 */
public final class VolumeManifestJson {
    private VolumeManifestJson() {}

    public static byte[] write(VolumeManifest m) {
        return ContentChecksum.seal(JsonFormat.writeGoIndented(g -> {
            g.writeStartObject();
            g.writeStringProperty("schema_name", m.schemaName());
            g.writeStringProperty("format_version", m.formatVersion());
            g.writeStringProperty("volume_id", m.volumeId());
            g.writeStringProperty("snapshot_id", m.snapshotId());
            g.writeStringProperty("created_at", Rfc3339.format(m.createdAt()));
            g.writeName("metadata");
            JsonValues.write(g, m.metadata().asMap(), "metadata");
            g.writeNumberProperty("total_length", m.totalLength());
            g.writeArrayPropertyStart("blocks");
            for (BlockRef b : m.blocks()) {
                g.writeStartObject();
                g.writeNumberProperty("offset", b.offset());
                g.writeNumberProperty("length", b.length());
                g.writeStringProperty("path", b.path());
                ManifestFields.optional(g, "checksum", b.checksum());
                g.writeEndObject();
            }
            g.writeEndArray();
            ManifestFields.optional(g, "parent_snapshot_id", m.parentSnapshotId());
            ManifestFields.optional(g, "checksum_algorithm", m.checksumAlgorithm());
            g.writeEndObject();
        }));
    }

    public static VolumeManifest read(byte[] json, String key) {
        return ManifestFields.parse(json, key, o -> readFields(o, key));
    }

    private static VolumeManifest readFields(JsonObject o, String key) {
        o.allowOnly("schema_name", "format_version", "volume_id", "snapshot_id", "created_at", "metadata", "total_length",
                "blocks", "parent_snapshot_id", "checksum_algorithm");
        String schema = ManifestFields.required(o, key, "schema_name");
        String version = ManifestFields.required(o, key, "format_version");
        String vid = ManifestFields.required(o, key, "volume_id");
        String sid = ManifestFields.required(o, key, "snapshot_id");
        Instant createdAt = ManifestFields.createdAt(o, key);
        Metadata metadata = ManifestFields.metadata(o, key);
        long total = o.integer("total_length");
        if (total <= 0) {
            throw ManifestFields.invalid(key, "total_length", "must be positive, found " + total);
        }
        if (!o.has("blocks")) {
            throw ManifestFields.invalid(key, "blocks", "must be present (use [] for none)");
        }
        List<BlockRef> blocks = new ArrayList<>();
        List<JsonObject> list = o.objects("blocks");
        for (int i = 0; i < list.size(); i++) {
            JsonObject b = list.get(i);
            String where = "blocks[" + i + "]";
            b.allowOnly("offset", "length", "path", "checksum");
            long off = b.integer("offset");
            long len = b.integer("length");
            String path = b.optString("path");
            if (off < 0) {
                throw ManifestFields.invalid(key, where + ".offset", "must not be negative, found " + off);
            }
            if (len <= 0) {
                throw ManifestFields.invalid(key, where + ".length", "must be positive, found " + len);
            }
            if (path == null || path.isEmpty()) {
                throw ManifestFields.invalid(key, where + ".path", "must not be empty");
            }
            if (off > total || len > total - off) {
                throw ManifestFields.invalid(key, where, "[" + off + ", +" + len + ") runs past total_length " + total);
            }
            blocks.add(new BlockRef(off, len, path, ManifestFields.emptyToNull(b.optString("checksum"))));
        }
        blocks = BlockSet.sorted(blocks);
        BlockRef[] overlap = BlockSet.firstOverlap(blocks);
        if (overlap != null) {
            throw ManifestFields.invalid(key, "blocks", "blocks at " + overlap[0].offset() + " and " + overlap[1].offset() + " overlap");
        }
        return new VolumeManifest(schema, version, vid, sid, createdAt, metadata, total, blocks,
                ManifestFields.emptyToNull(o.optString("parent_snapshot_id")), ManifestFields.emptyToNull(o.optString("checksum_algorithm")));
    }
}
