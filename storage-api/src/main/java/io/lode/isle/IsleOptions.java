package io.lode.isle;

import io.lode.internal.Require;

/**
 * Options of one Isle database, shared by its writers and readers.
 *
 * @param manifestStorage where the manifest objects live; null for the database's own object store
 * @param snapshotEvery a committer writes a manifest snapshot every this many log entries (default
 *     64), which bounds the work of a cold open
 * @param currentEvery a committer moves the CURRENT hint every this many commits (default 16)
 */
public record IsleOptions(ManifestStorage manifestStorage, int snapshotEvery, int currentEvery) {
    public IsleOptions {
        Require.argument(snapshotEvery >= 1, "snapshotEvery must be at least 1, not " + snapshotEvery);
        Require.argument(currentEvery >= 1, "currentEvery must be at least 1, not " + currentEvery);
    }

    public static IsleOptions defaults() {
        return new IsleOptions(null, 64, 16);
    }

    public IsleOptions withManifestStorage(ManifestStorage storage) {
        return new IsleOptions(storage, snapshotEvery, currentEvery);
    }

    public IsleOptions withSnapshotEvery(int entries) {
        return new IsleOptions(manifestStorage, entries, currentEvery);
    }

    public IsleOptions withCurrentEvery(int commits) {
        return new IsleOptions(manifestStorage, snapshotEvery, commits);
    }
}
