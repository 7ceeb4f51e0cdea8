package io.lode.dataset;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a dataset's objects live and how its records are partitioned: Lode's three layouts, with
 * Lode's exact paths (see {@code docs/dataset-format.md}). A reader must use the layout the writer
 * used: manifests written under one are invisible to another.
 *
 * <ul>
 *   <li>{@link #defaultLayout()}: {@code datasets/<ds>/snapshots/<id>/...}, no partitions;
 *   <li>{@link #hive(String...)}: {@code datasets/<ds>/partitions/k=v/.../segments/<id>/...}, one
 *       data file per partition, a canonical manifest plus one copy per partition;
 *   <li>{@link #flat()}: {@code <ds>/<id>/...}, no partitions, datasets not enumerable.
 * </ul>
 */
public final class Layout {
    private enum Kind { DEFAULT, HIVE, FLAT }

    private static final Layout DEFAULT = new Layout(Kind.DEFAULT, List.of());
    private static final Layout FLAT = new Layout(Kind.FLAT, List.of());
    private static final String MANIFEST = "manifest.json";

    private final Kind kind;
    private final List<String> keys;

    private Layout(Kind kind, List<String> keys) {
        this.kind = kind;
        this.keys = keys;
    }

    /** Lode's default layout. */
    public static Layout defaultLayout() {
        return DEFAULT;
    }

    /** The flat layout: datasets at the store root, not enumerable by {@link DatasetReader#listDatasets}. */
    public static Layout flat() {
        return FLAT;
    }

    /**
     * Hive partitioning by the given record fields, in this order: {@code k1=v1/k2=v2}. Each record
     * must be a map holding every key with a non-null value.
     */
    public static Layout hive(String... keys) {
        if (keys == null || keys.length == 0) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "a hive layout needs at least one partition key");
        }
        for (String k : keys) {
            if (k == null || k.isEmpty() || k.contains("/") || k.contains("=")) {
                throw new LodeException(ErrorCode.INVALID_ARGUMENT, "hive partition key '" + k + "' must be non-empty, without '/' or '='");
            }
        }
        return new Layout(Kind.HIVE, List.of(keys));
    }

    /** The partition keys; empty unless this is a hive layout. */
    public List<String> partitionKeys() {
        return keys;
    }

    /** The partitioner recorded in manifests: {@code hive} or {@code noop}. */
    public String partitioner() {
        return kind == Kind.HIVE ? "hive" : "noop";
    }

    /** Whether this layout partitions records. */
    public boolean partitions() {
        return kind == Kind.HIVE;
    }

    /** Whether the datasets of a store can be listed under this layout. */
    public boolean modelsDatasets() {
        return kind != Kind.FLAT;
    }

    @Override
    public String toString() {
        return kind == Kind.HIVE ? "hive" + keys : kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Layout l && l.kind == kind && l.keys.equals(keys);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + keys.hashCode();
    }

    // ---- paths (package-private: the dataset and reader use them)

    /** The prefix under which all of a dataset's manifests are listed. */
    String listPrefix(String ds) {
        return switch (kind) {
            case DEFAULT -> "datasets/" + ds + "/snapshots/";
            case HIVE -> "datasets/" + ds + "/";
            case FLAT -> ds + "/";
        };
    }

    /** The prefix under which datasets are listed, or null when datasets are not modelled. */
    String datasetsPrefix() {
        return kind == Kind.FLAT ? null : "datasets/";
    }

    String pointerPath(String ds) {
        return kind == Kind.FLAT ? ds + "/latest" : "datasets/" + ds + "/latest";
    }

    /** The directory of a snapshot's files for one partition ({@code ""} for none), without a trailing slash. */
    String snapshotDir(String ds, String id, String partition) {
        return switch (kind) {
            case DEFAULT -> "datasets/" + ds + "/snapshots/" + id;
            case HIVE -> partition.isEmpty()
                    ? "datasets/" + ds + "/segments/" + id
                    : "datasets/" + ds + "/partitions/" + partition + "/segments/" + id;
            case FLAT -> ds + "/" + id;
        };
    }

    String manifestPath(String ds, String id, String partition) {
        return snapshotDir(ds, id, partition) + "/" + MANIFEST;
    }

    String dataPath(String ds, String id, String partition, String baseName, String extension) {
        return snapshotDir(ds, id, partition) + "/data/" + baseName + extension;
    }

    /**
     * What a listed key is, if it is a manifest under this layout.
     *
     * @param dataset the dataset id
     * @param snapshotId the snapshot id
     * @param partition the partition path, {@code ""} for the canonical copy or a layout without partitions
     */
    record ManifestPath(String dataset, String snapshotId, String partition) {}

    /** Parses a listed key; null when it is not a manifest under this layout. */
    ManifestPath parse(String key) {
        if (!key.endsWith("/" + MANIFEST)) {
            return null;
        }
        String[] s = key.split("/", -1);
        for (String part : s) {
            if (part.isEmpty()) {
                return null;
            }
        }
        return switch (kind) {
            case DEFAULT -> s.length == 5 && s[0].equals("datasets") && s[2].equals("snapshots")
                    ? new ManifestPath(s[1], s[3], "") : null;
            case FLAT -> s.length == 3 ? new ManifestPath(s[0], s[1], "") : null;
            case HIVE -> parseHive(s);
        };
    }

    private static ManifestPath parseHive(String[] s) {
        int n = s.length;
        if (n < 5 || !s[0].equals("datasets") || !s[n - 3].equals("segments")) {
            return null;
        }
        if (n == 5) {
            return new ManifestPath(s[1], s[3], "");
        }
        if (n < 7 || !s[2].equals("partitions")) {
            return null;
        }
        return new ManifestPath(s[1], s[n - 2], String.join("/", List.of(s).subList(3, n - 3)));
    }

    /** The partition path a data file key lies in ({@code ""} if none): what lies between {@code partitions/} and {@code /segments/}. */
    static String partitionOfFile(String key) {
        int start = key.indexOf("/partitions/");
        int end = key.indexOf("/segments/");
        if (start < 0 || end < 0 || end <= start + "/partitions/".length()) {
            return "";
        }
        return key.substring(start + "/partitions/".length(), end);
    }

    // ---- partitioning

    /** The partition path of a record: {@code k1=v1/k2=v2}, or {@code ""} for a layout without partitions. */
    String partitionOf(Map<String, ?> record, long index) {
        if (kind != Kind.HIVE) {
            return "";
        }
        if (record == null) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "partitioning failed: record " + index + " is null");
        }
        List<String> parts = new ArrayList<>(keys.size());
        for (String k : keys) {
            Object v = record.get(k);
            if (v == null) {
                throw new LodeException(ErrorCode.INVALID_ARGUMENT, "partitioning failed: record " + index + " has no value for partition key '"
                        + k + "' (missing key); every record of a hive layout needs every key " + keys);
            }
            parts.add(k + "=" + escapeSegment(text(v)));
        }
        return String.join("/", parts);
    }

    /** A partition value as Lode prints it: strings as they are, times as their UTC date, numbers as Go's %v. */
    private static String text(Object v) {
        return switch (v) {
            case String s -> s;
            case Instant t -> LocalDate.ofInstant(t, ZoneOffset.UTC).toString();
            case Double d when d == Math.rint(d) && Math.abs(d) < 1e21 -> Long.toString(d.longValue());
            case Float f when f == Math.rint(f) && Math.abs(f) < 1e21 -> Long.toString(f.longValue());
            default -> String.valueOf(v);
        };
    }

    /** Go's {@code url.PathEscape}: everything but unreserved characters and {@code $&+:=@} is percent-encoded. */
    static String escapeSegment(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_.~$&+:=@".indexOf(c) >= 0;
            if (keep) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }
}
