package io.lode;

import io.lode.dataset.Dataset;
import io.lode.dataset.DatasetOptions;
import io.lode.dataset.DatasetReader;
import io.lode.dataset.Layout;
import io.lode.isle.IsleDB;
import io.lode.isle.IsleOptions;
import io.lode.spi.ObjectStore;
import io.lode.store.CheckedObjectStore;
import io.lode.volume.Volume;
import io.lode.volume.VolumeOptions;
import java.time.Duration;

/**
 * A connection to one store location: a local directory, a named in-memory store or an S3 bucket
 * prefix, opened with {@link Lode#connect}. It is thread-safe and meant to be shared and kept open
 * for as long as the application uses the location; closing it closes everything opened through it.
 */
public final class LodeConnection implements AutoCloseable {
    private final String url;
    private final CheckedObjectStore store;

    LodeConnection(String url, ObjectStore driverStore) {
        this.url = url;
        this.store = new CheckedObjectStore(driverStore, url);
    }

    /** The URL this connection was opened with, with any secret in it redacted ({@code REDACTED}). */
    public String url() {
        return url;
    }

    /** The object store at this connection's location; keys are relative to it. */
    public ObjectStore store() {
        return store;
    }

    /** The Isle key-value database under {@code name} (a key prefix such as {@code db1} or {@code tenants/a/db}). */
    public IsleDB isle(String name) {
        return isle(name, IsleOptions.defaults());
    }

    /** The Isle key-value database under {@code name}, with options. */
    public IsleDB isle(String name, IsleOptions options) {
        return IsleDB.open(this, name, options);
    }

    /**
     * Whether the connection is open and its location answers within {@code timeout}. Never throws.
     */
    public boolean isValid(Duration timeout) {
        return store.isValid(timeout);
    }

    /** Opens dataset {@code id} here; see {@link Dataset}. */
    public Dataset dataset(String id, DatasetOptions options) {
        return Dataset.open(store, id, options);
    }

    /** Opens dataset {@code id} here with {@link DatasetOptions#defaults()} (raw blobs). */
    public Dataset dataset(String id) {
        return Dataset.open(store, id, DatasetOptions.defaults());
    }

    /** A reader of the datasets here, written under the default layout. */
    public DatasetReader datasetReader() {
        return DatasetReader.open(store, Layout.defaultLayout());
    }

    /** A reader of the datasets here, written under the layout of {@code options} (the rest of them do not matter to reading). */
    public DatasetReader datasetReader(DatasetOptions options) {
        return DatasetReader.open(store, options == null ? Layout.defaultLayout() : options.layout());
    }

    /** A reader of the datasets here, written under {@code layout}. */
    public DatasetReader datasetReader(Layout layout) {
        return DatasetReader.open(store, layout);
    }

    /** Opens volume {@code id} of {@code totalLength} bytes here; see {@link Volume}. */
    public Volume volume(String id, long totalLength, VolumeOptions options) {
        return Volume.open(store, id, totalLength, options);
    }

    /** Opens volume {@code id} of {@code totalLength} bytes here, without checksums. */
    public Volume volume(String id, long totalLength) {
        return Volume.open(store, id, totalLength, VolumeOptions.defaults());
    }

    /** Closes the connection; later calls through it fail with {@link ErrorCode#CLOSED}. Idempotent. */
    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return "LodeConnection[" + url + "]";
    }
}
