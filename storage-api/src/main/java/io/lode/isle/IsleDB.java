package io.lode.isle;

import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.internal.Require;
import io.lode.isle.engine.DatabaseCompactor;
import io.lode.isle.engine.DatabaseReader;
import io.lode.isle.engine.DatabaseRetention;
import io.lode.isle.engine.DatabaseTailer;
import io.lode.isle.engine.DatabaseWriter;
import io.lode.isle.gc.DatabaseGarbageCollector;
import io.lode.isle.manifest.ObjectStoreManifestStorage;
import io.lode.spi.ObjectKey;
import io.lode.spi.ObjectStore;

/**
 * One Isle key-value database: everything under one key prefix of a connection's store. Open it
 * with {@link io.lode.LodeConnection#isle(String)}; it is a light handle from which writers and
 * readers are opened.
 */
public final class IsleDB {
    private final ObjectStore store;
    private final String prefix;
    private final IsleOptions options;
    private final ManifestStorage manifests;

    private IsleDB(ObjectStore store, String prefix, IsleOptions options) {
        this.store = Require.nonNull(store, "store");
        this.prefix = Require.nonNull(prefix, "prefix");
        this.options = Require.nonNull(options, "options");
        this.manifests = options.manifestStorage() != null ? options.manifestStorage()
                : new ObjectStoreManifestStorage(store, prefix);
    }

    /**
     * The database under {@code name} in {@code connection}'s store, through the connection's
     * checked store (keys checked, {@code CLOSED} once the connection closes): what
     * {@link LodeConnection#isle(String, IsleOptions)} returns.
     *
     * @param name a key prefix such as {@code db1} or {@code tenants/a/db}, with or without a
     *     trailing '/'; "" for the store's root
     * @throws LodeException {@code INVALID_ARGUMENT} if {@code name} is not a valid key
     */
    public static IsleDB open(LodeConnection connection, String name, IsleOptions options) {
        Require.nonNull(connection, "connection");
        Require.nonNull(name, "name");
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        if (!trimmed.isEmpty()) {
            ObjectKey.check(trimmed);
        }
        return new IsleDB(connection.store(), trimmed.isEmpty() ? "" : trimmed + "/", Require.nonNull(options, "options"));
    }

    /**
     * A database directly over {@code store}, bypassing a connection's checks: for the tests of
     * this package, which count the requests of a raw (instrumented) store.
     */
    static IsleDB onStore(ObjectStore store, String prefix, IsleOptions options) {
        return new IsleDB(store, prefix, options);
    }

    /** The database's key prefix in its store ({@code ""} or ending in '/'). */
    public String prefix() {
        return prefix;
    }

    /** Opens the writer, fencing any earlier one. */
    public IsleWriter openWriter(WriterOptions writerOptions) {
        return DatabaseWriter.open(store, prefix, manifests, options, Require.nonNull(writerOptions, "writerOptions"));
    }

    /** Opens the compactor, fencing any earlier one (never the writer or the retention compactor). */
    public Compactor openCompactor(CompactorOptions compactorOptions) {
        return DatabaseCompactor.open(store, prefix, manifests, options, Require.nonNull(compactorOptions, "compactorOptions"));
    }

    /**
     * Opens the retention compactor, fencing any earlier one (never the writer or the merge
     * compactor).
     */
    public RetentionCompactor openRetentionCompactor(RetentionOptions retentionOptions) {
        return DatabaseRetention.open(store, prefix, manifests, options, Require.nonNull(retentionOptions, "retentionOptions"));
    }

    /**
     * Opens a garbage collector that runs on its own (a {@link Compactor} and a
     * {@link RetentionCompactor} run the same passes unless their options turn them off). It claims no role, so it fences no one.
     */
    public GarbageCollector openGarbageCollector(GcOptions gcOptions) {
        return DatabaseGarbageCollector.open(store, prefix, manifests, options, Require.nonNull(gcOptions, "gcOptions"));
    }

    /** Opens a reader at the latest committed state. */
    public IsleReader openReader(ReaderOptions readerOptions) {
        return DatabaseReader.open(store, prefix, manifests, options, Require.nonNull(readerOptions, "readerOptions"));
    }

    /** Opens a tailing reader at the latest committed state. */
    public TailingReader openTailingReader(TailingOptions tailingOptions) {
        return DatabaseTailer.open(store, prefix, manifests, options, Require.nonNull(tailingOptions, "tailingOptions"));
    }

    @Override
    public String toString() {
        return "IsleDB[" + prefix + " in " + store + "]";
    }
}
