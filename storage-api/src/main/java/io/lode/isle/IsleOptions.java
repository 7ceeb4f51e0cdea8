package io.lode.isle;

import io.lode.internal.Require;
import java.time.InstantSource;

/**
 * Options of one Isle database, shared by its writers and readers.
 *
 * @param manifestStorage where the manifest objects live; null for the database's own object store
 * @param snapshotEvery a committer writes a manifest snapshot every this many log entries (default
 *     64), which bounds the work of a cold open
 * @param currentEvery a committer moves the CURRENT hint every this many commits (default 16)
 * @param clock the time the database's handles go by: the creation time of the tables the writer
 *     flushes and the compactor writes, the retention compactor's "now", the garbage collector's
 *     grace periods and the age of a reader's last look at the log (default the system clock;
 *     tests inject one, so it decides ages and grace periods alike). Values' TTLs go by the
 *     system clock.
 */
public record IsleOptions(ManifestStorage manifestStorage, int snapshotEvery, int currentEvery, InstantSource clock) {
    public IsleOptions {
        Require.argument(snapshotEvery >= 1, "snapshotEvery must be at least 1, not " + snapshotEvery);
        Require.argument(currentEvery >= 1, "currentEvery must be at least 1, not " + currentEvery);
        Require.nonNull(clock, "clock");
    }

    public static IsleOptions defaults() {
        return new IsleOptions(null, 64, 16, InstantSource.system());
    }

    public IsleOptions withManifestStorage(ManifestStorage storage) {
        return new IsleOptions(storage, snapshotEvery, currentEvery, clock);
    }

    public IsleOptions withSnapshotEvery(int entries) {
        return new IsleOptions(manifestStorage, entries, currentEvery, clock);
    }

    public IsleOptions withCurrentEvery(int commits) {
        return new IsleOptions(manifestStorage, snapshotEvery, commits, clock);
    }

    public IsleOptions withClock(InstantSource source) {
        return new IsleOptions(manifestStorage, snapshotEvery, currentEvery, source);
    }
}
