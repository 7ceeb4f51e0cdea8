package io.lode.isle.manifest;

import io.lode.internal.json.ContentChecksum;
import io.lode.internal.json.JsonFormat;
import io.lode.internal.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import tools.jackson.core.JsonGenerator;

/**
 * The JSON of the manifest objects (docs/isle-format.md): snake_case names, a {@code version} in
 * every object, keys in base64, times in RFC 3339 UTC. Decoding checks every field and fails with
 * {@code CORRUPTION} naming the object and the field, or {@code UNSUPPORTED} for a newer version or
 * an op or role this version does not know: such an object is well formed, only newer than this code.
 *
 * <p>The versions change when an object's meaning does (docs/rfcs/0001-format-evolution.md): a new
 * op, role or field that an older reader must not ignore raises the version of the objects that
 * carry it, so an older reader stops with {@code UNSUPPORTED} instead of misreading them.
 */
public final class ManifestCodec {
    static final int LOG_VERSION = 1;
    static final int SNAPSHOT_VERSION = 1;
    static final int CURRENT_VERSION = 1;

    private ManifestCodec() {}

    // ------------------------------------------------------------------------------ log entries

    public static byte[] encode(LogEntry e) {
        return ContentChecksum.seal(JsonFormat.write(g -> {
            g.writeStartObject();
            g.writeNumberProperty("version", LOG_VERSION);
            g.writeNumberProperty("seq", e.seq());
            g.writeStringProperty("role", e.role().json());
            g.writeNumberProperty("epoch", e.epoch());
            g.writeStringProperty("owner", e.owner());
            g.writeStringProperty("nonce", e.nonce());
            g.writeStringProperty("ts", e.time().toString());
            g.writeStringProperty("op", e.op().name());
            switch (e.op()) {
                case LogOp.FenceClaim c -> { }
                case LogOp.AddSsts a -> writeSsts(g, "add_sstables", a.ssts());
                case LogOp.RemoveSsts r -> writeStrings(g, "remove_sstable_ids", r.ids());
                case LogOp.Compaction c -> {
                    writeStrings(g, "remove_sstable_ids", c.removeSstIds());
                    g.writeName("remove_sorted_run_ids");
                    g.writeStartArray();
                    for (long id : c.removeRunIds()) {
                        g.writeNumber(id);
                    }
                    g.writeEndArray();
                    if (c.addRun() != null) {
                        g.writeName("add_sorted_run");
                        writeRun(g, c.addRun());
                    }
                }
            }
            writeLsns(g, e.maxCommittedLsn(), e.lowWatermarkLsn());
            g.writeEndObject();
        }));
    }

    public static LogEntry decodeLogEntry(byte[] json, String source, long expectedSeq) {
        JsonObject o = JsonObject.parseChecksummed(json, source);
        o.version(LOG_VERSION);
        long seq = o.natural("seq");
        if (seq != expectedSeq) {
            throw o.corrupt("holds seq " + seq + " but is the object of seq " + expectedSeq);
        }
        Role role = role(o, "role");
        String opName = o.string("op");
        List<String> fields = new ArrayList<>(List.of("version", "seq", "role", "epoch", "owner", "nonce", "ts", "op",
                "max_committed_lsn", "low_watermark_lsn"));
        fields.addAll(switch (opName) {
            case "add_sstables" -> List.of("add_sstables");
            case "remove_sstables" -> List.of("remove_sstable_ids");
            case "compaction" -> List.of("remove_sstable_ids", "remove_sorted_run_ids", "add_sorted_run");
            default -> List.of();
        });
        LogOp op = switch (opName) {
            case "fence_claim" -> new LogOp.FenceClaim();
            case "add_sstables" -> new LogOp.AddSsts(ssts(o.objects("add_sstables")));
            case "remove_sstables" -> new LogOp.RemoveSsts(o.strings("remove_sstable_ids"));
            case "compaction" -> new LogOp.Compaction(o.strings("remove_sstable_ids"), o.integers("remove_sorted_run_ids"),
                    o.has("add_sorted_run") ? run(o.object("add_sorted_run")) : null);
            default -> throw o.unsupported("op '" + opName + "' is not one this version knows");
        };
        o.allowOnly(fields.toArray(String[]::new));
        return new LogEntry(seq, role, o.natural("epoch"), o.string("owner"), o.string("nonce"), o.instant("ts"), op,
                o.optInteger("max_committed_lsn"), o.optInteger("low_watermark_lsn"));
    }

    // -------------------------------------------------------------------------------- snapshots

    public static byte[] encode(ManifestState s) {
        return ContentChecksum.seal(JsonFormat.write(g -> {
            g.writeStartObject();
            g.writeNumberProperty("version", SNAPSHOT_VERSION);
            g.writeNumberProperty("log_seq", s.logSeq());
            writeSsts(g, "l0_sstables", s.l0());
            g.writeName("sorted_runs");
            g.writeStartArray();
            for (SortedRun r : s.runs()) {
                writeRun(g, r);
            }
            g.writeEndArray();
            g.writeNumberProperty("next_sorted_run_id", s.nextRunId());
            g.writeNumberProperty("max_seq", s.maxSeq());
            writeFences(g, s.fences());
            writeLsns(g, s.maxCommittedLsn(), s.lowWatermarkLsn());
            g.writeEndObject();
        }));
    }

    public static ManifestState decodeSnapshot(byte[] json, String source) {
        JsonObject o = JsonObject.parseChecksummed(json, source);
        o.version(SNAPSHOT_VERSION);
        o.allowOnly("version", "log_seq", "l0_sstables", "sorted_runs", "next_sorted_run_id", "max_seq", "fences",
                "max_committed_lsn", "low_watermark_lsn");
        List<SortedRun> runs = new ArrayList<>();
        for (JsonObject r : o.objects("sorted_runs")) {
            runs.add(run(r));
        }
        return new ManifestState(o.natural("log_seq"), ssts(o.objects("l0_sstables")), runs, o.natural("next_sorted_run_id"),
                o.natural("max_seq"), fences(o), o.optInteger("max_committed_lsn"), o.optInteger("low_watermark_lsn"));
    }

    // ---------------------------------------------------------------------------------- CURRENT

    public static byte[] encode(CurrentHint c) {
        return ContentChecksum.seal(JsonFormat.write(g -> {
            g.writeStartObject();
            g.writeNumberProperty("version", CURRENT_VERSION);
            if (c.snapshotId() != null) {
                g.writeStringProperty("snapshot", c.snapshotId());
            }
            g.writeNumberProperty("snapshot_seq", c.snapshotSeq());
            g.writeNumberProperty("next_seq_hint", c.nextSeqHint());
            writeFences(g, c.fences());
            writeLsns(g, c.maxCommittedLsn(), c.lowWatermarkLsn());
            g.writeEndObject();
        }));
    }

    public static CurrentHint decodeCurrent(byte[] json, String source) {
        JsonObject o = JsonObject.parseChecksummed(json, source);
        o.version(CURRENT_VERSION);
        o.allowOnly("version", "snapshot", "snapshot_seq", "next_seq_hint", "fences", "max_committed_lsn", "low_watermark_lsn");
        String snapshot = o.optString("snapshot");
        long snapshotSeq = o.natural("snapshot_seq");
        if ((snapshot == null) != (snapshotSeq == 0)) {
            throw o.corrupt("names " + (snapshot == null ? "no snapshot but a snapshot_seq" : "a snapshot but no snapshot_seq"));
        }
        return new CurrentHint(snapshot, snapshotSeq, o.natural("next_seq_hint"), fences(o),
                o.optInteger("max_committed_lsn"), o.optInteger("low_watermark_lsn"));
    }

    // ----------------------------------------------------------------------------------- parts

    private static void writeSsts(JsonGenerator g, String name, List<SstMeta> ssts) {
        g.writeName(name);
        g.writeStartArray();
        for (SstMeta s : ssts) {
            g.writeStartObject();
            g.writeStringProperty("id", s.id());
            g.writeNumberProperty("seq_lo", s.seqLo());
            g.writeNumberProperty("seq_hi", s.seqHi());
            g.writeStringProperty("min_key", Base64.getEncoder().encodeToString(s.minKey()));
            g.writeStringProperty("max_key", Base64.getEncoder().encodeToString(s.maxKey()));
            g.writeNumberProperty("size", s.size());
            g.writeStringProperty("checksum", s.checksum());
            g.writeNumberProperty("entries", s.entries());
            g.writeBooleanProperty("has_blob_refs", s.hasBlobRefs());
            g.writeStringProperty("created_at", s.createdAt().toString());
            if (s.minLsn().isPresent()) {
                g.writeNumberProperty("min_lsn", s.minLsn().getAsLong());
            }
            if (s.maxLsn().isPresent()) {
                g.writeNumberProperty("max_lsn", s.maxLsn().getAsLong());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static List<SstMeta> ssts(List<JsonObject> list) {
        List<SstMeta> out = new ArrayList<>(list.size());
        for (JsonObject s : list) {
            s.allowOnly("id", "seq_lo", "seq_hi", "min_key", "max_key", "size", "checksum", "entries", "has_blob_refs",
                    "created_at", "min_lsn", "max_lsn");
            long lo = s.natural("seq_lo");
            long hi = s.natural("seq_hi");
            if (hi < lo) {
                throw s.corrupt("seq_hi " + hi + " < seq_lo " + lo);
            }
            out.add(new SstMeta(s.string("id"), lo, hi, s.base64("min_key"), s.base64("max_key"), s.natural("size"),
                    s.string("checksum"), s.natural("entries"), s.optBool("has_blob_refs", false), s.instant("created_at"),
                    s.optInteger("min_lsn"), s.optInteger("max_lsn")));
        }
        return out;
    }

    private static void writeRun(JsonGenerator g, SortedRun r) {
        g.writeStartObject();
        g.writeNumberProperty("id", r.id());
        writeSsts(g, "sstables", r.ssts());
        g.writeEndObject();
    }

    private static SortedRun run(JsonObject o) {
        o.allowOnly("id", "sstables");
        return new SortedRun(o.natural("id"), ssts(o.objects("sstables")));
    }

    private static void writeStrings(JsonGenerator g, String name, List<String> values) {
        g.writeName(name);
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void writeFences(JsonGenerator g, Map<Role, Fence> fences) {
        g.writeName("fences");
        g.writeStartObject();
        for (Role r : Role.values()) {
            Fence f = fences.get(r);
            if (f != null) {
                g.writeName(r.json());
                g.writeStartObject();
                g.writeNumberProperty("epoch", f.epoch());
                g.writeStringProperty("owner", f.owner());
                g.writeEndObject();
            }
        }
        g.writeEndObject();
    }

    private static Map<Role, Fence> fences(JsonObject o) {
        Map<Role, Fence> fences = new EnumMap<>(Role.class);
        JsonObject f = o.optObject("fences");
        if (f != null) {
            for (String name : f.names()) {
                if (Role.fromJson(name) == null) {
                    throw f.unsupported("fences role '" + name + "', which is not one this version knows");
                }
            }
            for (Role r : Role.values()) {
                JsonObject one = f.optObject(r.json());
                if (one != null) {
                    one.allowOnly("epoch", "owner");
                    fences.put(r, new Fence(one.natural("epoch"), one.string("owner")));
                }
            }
        }
        return fences;
    }

    private static void writeLsns(JsonGenerator g, OptionalLong max, OptionalLong low) {
        if (max.isPresent()) {
            g.writeNumberProperty("max_committed_lsn", max.getAsLong());
        }
        if (low.isPresent()) {
            g.writeNumberProperty("low_watermark_lsn", low.getAsLong());
        }
    }

    private static Role role(JsonObject o, String field) {
        Role r = Role.fromJson(o.string(field));
        if (r == null) {
            throw o.unsupported("role '" + o.string(field) + "' is not one this version knows");
        }
        return r;
    }

    /** When an entry was made, as written: milliseconds are plenty and keep the JSON short. */
    static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }
}
