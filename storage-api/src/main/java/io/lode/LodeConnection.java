package io.lode;

import io.lode.isle.IsleDB;
import io.lode.isle.IsleOptions;
import io.lode.spi.ObjectKey;
import io.lode.spi.ObjectStore;
import io.lode.store.CheckedObjectStore;
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

    /** The URL this connection was opened with. */
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
        io.lode.internal.Require.nonNull(name, "name");
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        if (!trimmed.isEmpty()) {
            ObjectKey.check(trimmed);
        }
        return new IsleDB(store, trimmed.isEmpty() ? "" : trimmed + "/", io.lode.internal.Require.nonNull(options, "options"));
    }

    /**
     * Whether the connection is open and its location answers within {@code timeout}. Never throws.
     */
    public boolean isValid(Duration timeout) {
        return store.isValid(timeout);
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
