package io.lode.isle;

import io.lode.internal.Require;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Options of one Isle database, shared by its writers and readers: start from {@link #defaults()}
 * and change what you need with the {@code with} methods, each of which returns a new value. A
 * later version may add options, with defaults, without breaking code written against this one.
 */
public final class IsleOptions {
    private static final IsleOptions DEFAULTS = new IsleOptions(null, 64, 16, InstantSource.system());

    private final ManifestStorage manifestStorage;
    private final int snapshotEvery;
    private final int currentEvery;
    private final InstantSource clock;

    private IsleOptions(ManifestStorage manifestStorage, int snapshotEvery, int currentEvery, InstantSource clock) {
        Require.argument(snapshotEvery >= 1, "snapshotEvery must be at least 1, not " + snapshotEvery);
        Require.argument(currentEvery >= 1, "currentEvery must be at least 1, not " + currentEvery);
        Require.nonNull(clock, "clock");
        this.manifestStorage = manifestStorage;
        this.snapshotEvery = snapshotEvery;
        this.currentEvery = currentEvery;
        this.clock = clock;
    }

    /** The manifest in the database's own store, a snapshot every 64 entries, CURRENT every 16 commits, the system clock. */
    public static IsleOptions defaults() {
        return DEFAULTS;
    }

    /** Where the manifest objects live; null (the default) for the database's own object store. */
    public ManifestStorage manifestStorage() {
        return manifestStorage;
    }

    /** A committer writes a manifest snapshot every this many log entries (default 64), which bounds the work of a cold open. */
    public int snapshotEvery() {
        return snapshotEvery;
    }

    /** A committer moves the CURRENT hint every this many commits (default 16). */
    public int currentEvery() {
        return currentEvery;
    }

    /**
     * The time the database's handles go by (default the system clock): values' TTLs when the
     * writer stamps them and readers and the compactor check them, the creation time of the
     * tables the writer flushes and the compactor writes, the retention compactor's "now", the
     * garbage collector's grace periods and the age of a reader's last look at the log. Tests
     * inject one, so it decides expiry, ages and grace periods alike.
     */
    public InstantSource clock() {
        return clock;
    }

    /** See {@link #manifestStorage()}. */
    public IsleOptions withManifestStorage(ManifestStorage storage) {
        return new IsleOptions(storage, snapshotEvery, currentEvery, clock);
    }

    /** See {@link #snapshotEvery()}. */
    public IsleOptions withSnapshotEvery(int entries) {
        return new IsleOptions(manifestStorage, entries, currentEvery, clock);
    }

    /** See {@link #currentEvery()}. */
    public IsleOptions withCurrentEvery(int commits) {
        return new IsleOptions(manifestStorage, snapshotEvery, commits, clock);
    }

    /** See {@link #clock()}. */
    public IsleOptions withClock(InstantSource source) {
        return new IsleOptions(manifestStorage, snapshotEvery, currentEvery, source);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IsleOptions i && Objects.equals(manifestStorage, i.manifestStorage) && snapshotEvery == i.snapshotEvery
                && currentEvery == i.currentEvery && clock.equals(i.clock);
    }

    @Override
    public int hashCode() {
        return Objects.hash(manifestStorage, snapshotEvery, currentEvery, clock);
    }

    @Override
    public String toString() {
        return "IsleOptions[manifestStorage=" + manifestStorage + ", snapshotEvery=" + snapshotEvery + ", currentEvery=" + currentEvery
                + ", clock=" + clock + "]";
    }
}
