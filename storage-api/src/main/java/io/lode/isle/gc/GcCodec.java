package io.lode.isle.gc;

import io.lode.internal.json.ContentChecksum;
import io.lode.internal.json.JsonFormat;
import io.lode.internal.json.JsonObject;
import java.time.Instant;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;

/**
 * The JSON of the garbage collector's objects (docs/isle-format.md, "Garbage collection objects"):
 * snake_case names and a {@code version}, like the manifest's. Decoding fails with
 * {@code CORRUPTION} naming the object and the field, or {@code UNSUPPORTED} for a newer version.
 */
final class GcCodec {
    static final int MARKS_VERSION = 1;
    static final int CHECKPOINT_VERSION = 1;

    private GcCodec() {}

    /**
     * @param idField {@code sst_id} or {@code blob_id}
     */
    static byte[] encode(PendingMarks marks, String idField) {
        return ContentChecksum.seal(JsonFormat.write(g -> {
            g.writeStartObject();
            g.writeNumberProperty("version", MARKS_VERSION);
            g.writeName("marks");
            g.writeStartArray();
            for (PendingMark m : marks.marks().values()) {
                g.writeStartObject();
                g.writeStringProperty(idField, m.id());
                g.writeStringProperty("first_seen_unreferenced_at", m.firstSeenAt().toString());
                g.writeStringProperty("last_seen_unreferenced_at", m.lastSeenAt().toString());
                writePositive(g, "first_seen_seq", m.firstSeenSeq());
                writePositive(g, "last_seen_seq", m.lastSeenSeq());
                g.writeStringProperty("first_reason", m.firstReason());
                g.writeStringProperty("last_reason", m.lastReason());
                if (m.objectModifiedAt() != null) {
                    g.writeStringProperty("object_modified_at", m.objectModifiedAt().toString());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    static PendingMarks decodeMarks(byte[] json, String source, String idField) {
        JsonObject o = JsonObject.parseChecksummed(json, source);
        o.version(MARKS_VERSION);
        o.allowOnly("version", "marks");
        TreeMap<String, PendingMark> marks = new TreeMap<>();
        for (JsonObject m : o.objects("marks")) {
            m.allowOnly(idField, "first_seen_unreferenced_at", "last_seen_unreferenced_at", "first_seen_seq", "last_seen_seq",
                    "first_reason", "last_reason", "object_modified_at");
            String id = m.string(idField);
            PendingMark mark = new PendingMark(id, m.instant("first_seen_unreferenced_at"),
                    m.instant("last_seen_unreferenced_at"), m.optInteger("first_seen_seq").orElse(0),
                    m.optInteger("last_seen_seq").orElse(0), m.string("first_reason"), m.string("last_reason"),
                    m.has("object_modified_at") ? m.instant("object_modified_at") : null);
            if (marks.put(id, mark) != null) {
                throw m.corrupt("marks '" + id + "' twice");
            }
        }
        return new PendingMarks(marks);
    }

    static byte[] encode(GcCheckpoint c) {
        return ContentChecksum.seal(JsonFormat.write(g -> {
            g.writeStartObject();
            g.writeNumberProperty("version", CHECKPOINT_VERSION);
            g.writeNumberProperty("last_applied_seq", c.lastAppliedSeq());
            g.writeNumberProperty("log_collected_through", c.logCollectedThrough());
            if (c.watchedSnapshot() != null) {
                g.writeStringProperty("watched_snapshot", c.watchedSnapshot());
                g.writeStringProperty("watched_since", c.watchedSince().toString());
            }
            g.writeStringProperty("updated_at", c.updatedAt().toString());
            g.writeEndObject();
        }));
    }

    static GcCheckpoint decodeCheckpoint(byte[] json, String source) {
        JsonObject o = JsonObject.parseChecksummed(json, source);
        o.version(CHECKPOINT_VERSION);
        o.allowOnly("version", "last_applied_seq", "log_collected_through", "watched_snapshot", "watched_since", "updated_at");
        String snapshot = o.optString("watched_snapshot");
        Instant since = o.has("watched_since") ? o.instant("watched_since") : null;
        if ((snapshot == null) != (since == null)) {
            throw o.corrupt("has " + (snapshot == null ? "watched_since without watched_snapshot"
                    : "watched_snapshot without watched_since"));
        }
        return new GcCheckpoint(o.natural("last_applied_seq"), o.natural("log_collected_through"), snapshot, since,
                o.instant("updated_at"));
    }

    private static void writePositive(JsonGenerator g, String name, long value) {
        if (value > 0) {
            g.writeNumberProperty(name, value);
        }
    }
}
