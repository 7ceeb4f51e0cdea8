package io.lode.isle.manifest;

import io.lode.isle.ManifestStorage;
import io.lode.spi.ListedObject;
import io.lode.spi.ObjectBody;
import io.lode.spi.ObjectBytes;
import io.lode.spi.ObjectStore;
import io.lode.spi.PutMode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Manifest objects in the database's object store, at the keys of {@link DatabaseLayout}
 * (docs/isle-format.md): {@code manifest/CURRENT}, {@code manifest/log/<20-digit seq>.json},
 * {@code manifest/snapshots/<id>.manifest}. Every operation is one store request.
 */
public final class ObjectStoreManifestStorage implements ManifestStorage {
    private final ObjectStore store;
    private final DatabaseLayout layout;
    private final String current;

    /**
     * @param store the store
     * @param databasePrefix the database's key prefix, ending in '/' (or "" for the store's root)
     */
    public ObjectStoreManifestStorage(ObjectStore store, String databasePrefix) {
        this(store, new DatabaseLayout(databasePrefix));
    }

    /**
     * @param store the store
     * @param layout the database's object names
     */
    public ObjectStoreManifestStorage(ObjectStore store, DatabaseLayout layout) {
        this.store = store;
        this.layout = layout;
        this.current = layout.current();
    }

    /** The key of log entry {@code seq} ({@link DatabaseLayout#logKey}). */
    public String logKey(long seq) {
        return layout.logKey(seq);
    }

    /** The key of snapshot {@code id} ({@link DatabaseLayout#snapshotKey}). */
    public String snapshotKey(String id) {
        return layout.snapshotKey(id);
    }

    @Override
    public Optional<Versioned> readCurrent() {
        return store.find(current).map(b -> new Versioned(b.bytes(), b.info().etag()));
    }

    @Override
    public String writeCurrent(byte[] json, String expectedTag) {
        return store.put(current, ObjectBody.of(json), expectedTag == null ? PutMode.CREATE : PutMode.ifMatch(expectedTag));
    }

    @Override
    public void createLogEntry(long seq, byte[] json) {
        store.put(logKey(seq), ObjectBody.of(json), PutMode.CREATE);
    }

    @Override
    public Optional<byte[]> readLogEntry(long seq) {
        return store.find(logKey(seq)).map(ObjectBytes::bytes);
    }

    @Override
    public void createSnapshot(String id, byte[] json) {
        store.put(snapshotKey(id), ObjectBody.of(json), PutMode.CREATE);
    }

    @Override
    public byte[] readSnapshot(String id) {
        return store.get(snapshotKey(id)).bytes();
    }

    @Override
    public void deleteLogEntry(long seq) {
        store.delete(logKey(seq));
    }

    @Override
    public List<String> listSnapshots() {
        try (Stream<ListedObject> listed = store.list(layout.snapshotFolder())) {
            return listed.map(o -> layout.snapshotIdOf(o.key())).filter(Objects::nonNull).toList();
        }
    }

    @Override
    public void deleteSnapshot(String id) {
        store.delete(snapshotKey(id));
    }

    @Override
    public String describeLogEntry(long seq) {
        return logKey(seq);
    }

    @Override
    public String toString() {
        return "manifest objects under " + layout.manifestFolder();
    }
}
