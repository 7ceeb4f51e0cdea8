package io.lode.dataset;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.dataset.internal.ManifestJson;
import io.lode.snapshot.PathSegment;
import io.lode.internal.Require;
import io.lode.spi.ListedObject;
import io.lode.spi.ObjectStore;
import io.lode.spi.ObjectStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Read-only discovery of the datasets in a store: which datasets, snapshots and partitions exist,
 * their manifests and files. It must use the layout the writers used. Every manifest it loads is
 * validated ({@code MANIFEST_INVALID}, never skipped). Listings are ordered by key, so results are
 * deterministic. A {@code limit} of 0 means no limit.
 */
public final class DatasetReader {
    private final ObjectStore store;
    private final Layout layout;

    private DatasetReader(ObjectStore store, Layout layout) {
        this.store = store;
        this.layout = layout;
    }

    /** A reader of {@code store} under {@code layout}. */
    public static DatasetReader open(ObjectStore store, Layout layout) {
        return new DatasetReader(Require.nonNull(store, "store"), Require.nonNull(layout, "layout"));
    }

    public Layout layout() {
        return layout;
    }

    /**
     * The ids of datasets that have at least one manifest (1 listing). {@code DATASETS_NOT_MODELED}
     * for the flat layout; {@code NO_MANIFESTS} when the store holds dataset objects but no manifest.
     */
    public List<String> listDatasets(int limit) {
        String prefix = layout.datasetsPrefix();
        if (prefix == null) {
            throw new LodeException(ErrorCode.DATASETS_NOT_MODELED, "datasets not modeled by this layout (" + layout
                    + "): open datasets by id, or use the default or hive layout to enumerate them");
        }
        Set<String> ids = new LinkedHashSet<>();
        boolean anyKey = false;
        try (Stream<ListedObject> listed = store.list(prefix)) {
            for (ListedObject o : (Iterable<ListedObject>) listed::iterator) {
                anyKey = true;
                Layout.ManifestPath p = layout.parse(o.key());
                if (p != null) {
                    ids.add(p.dataset());
                    if (limit > 0 && ids.size() >= limit) {
                        break;
                    }
                }
            }
        }
        if (ids.isEmpty() && anyKey) {
            throw new LodeException(ErrorCode.NO_MANIFESTS, "no manifests found under " + prefix + " (storage contains objects); "
                    + "check that the reader uses the writers' layout");
        }
        return List.copyOf(ids);
    }

    /**
     * The snapshots of a dataset (1 listing + one load per snapshot). With a hive layout and a
     * {@code partition} ({@code k=v} or a prefix of a partition path), only snapshots with files
     * in that partition; {@code ""} for all. {@code NOT_FOUND} when there is no manifest at all.
     */
    public List<ManifestRef> listManifests(String dataset, String partition, int limit) {
        PathSegment.check(dataset, "dataset id");
        String filter = partition == null ? "" : partition;
        String prefix = layout.partitions() && !filter.isEmpty()
                ? "datasets/" + dataset + "/partitions/" + filter + "/" : layout.listPrefix(dataset);
        List<ManifestRef> refs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean any = false;
        try (Stream<ListedObject> listed = store.list(prefix)) {
            for (ListedObject o : (Iterable<ListedObject>) listed::iterator) {
                Layout.ManifestPath p = layout.parse(o.key());
                if (p == null || !p.dataset().equals(dataset)) {
                    continue;
                }
                any = true;
                if (layout.partitions() && p.partition().isEmpty()) {
                    continue; // the canonical copy: every snapshot also has partition copies
                }
                if (!filter.isEmpty() && !inPartition(p.partition(), filter)) {
                    continue;
                }
                if (!seen.add(p.snapshotId())) {
                    continue;
                }
                load(o.key()); // validation is mandatory: a damaged manifest fails the listing
                refs.add(new ManifestRef(p.snapshotId(), p.partition()));
                if (limit > 0 && refs.size() >= limit) {
                    break;
                }
            }
        }
        if (!any) {
            throw new LodeException(ErrorCode.NOT_FOUND, "dataset '" + dataset + "' has no manifests"
                    + (filter.isEmpty() ? "" : " in partition " + filter) + " under layout " + layout);
        }
        return refs;
    }

    private static boolean inPartition(String path, String filter) {
        return path.equals(filter) || path.startsWith(filter + "/");
    }

    /**
     * The partition paths of a dataset's files, in listing order (1 listing + one load per
     * snapshot). Empty for layouts without partitions; {@code NOT_FOUND} when there is no manifest.
     */
    public List<String> listPartitions(String dataset, int limit) {
        PathSegment.check(dataset, "dataset id");
        Set<String> partitions = new LinkedHashSet<>();
        Set<String> loaded = new HashSet<>();
        boolean any = false;
        try (Stream<ListedObject> listed = store.list(layout.listPrefix(dataset))) {
            for (ListedObject o : (Iterable<ListedObject>) listed::iterator) {
                Layout.ManifestPath p = layout.parse(o.key());
                if (p == null || !p.dataset().equals(dataset)) {
                    continue;
                }
                any = true;
                if (!layout.partitions() || p.partition().isEmpty() || !loaded.add(p.snapshotId())) {
                    continue;
                }
                for (FileRef f : load(o.key()).files()) {
                    String part = Layout.partitionOfFile(f.path());
                    if (!part.isEmpty()) {
                        partitions.add(part);
                        if (limit > 0 && partitions.size() >= limit) {
                            return List.copyOf(partitions);
                        }
                    }
                }
            }
        }
        if (!any) {
            throw new LodeException(ErrorCode.NOT_FOUND, "dataset '" + dataset + "' has no manifests under layout " + layout);
        }
        return List.copyOf(partitions);
    }

    /** The manifest a ref names (1 request), validated. {@code NOT_FOUND} when it does not exist. */
    public Manifest getManifest(String dataset, ManifestRef ref) {
        PathSegment.check(dataset, "dataset id");
        Require.nonNull(ref, "ref");
        PathSegment.check(ref.id(), "snapshot id");
        return load(layout.manifestPath(dataset, ref.id(), layout.partitions() ? ref.partition() : ""));
    }

    /** Opens a data file for streaming; close the stream. */
    public ObjectStream openObject(ObjectRef object) {
        Require.nonNull(object, "object");
        return store.openStream(object.path());
    }

    /** Reads {@code length} bytes of a data file from {@code offset} (fewer at its end): a true range read. */
    public byte[] readRange(ObjectRef object, long offset, long length) {
        Require.nonNull(object, "object");
        return store.getRange(object.path(), offset, length).bytes();
    }

    private Manifest load(String key) {
        return ManifestJson.read(store.get(key).bytes(), key);
    }
}
