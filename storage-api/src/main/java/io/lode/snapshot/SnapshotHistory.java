package io.lode.snapshot;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.dataset.Metadata;
import io.lode.internal.Retries;
import io.lode.spi.ListedObject;
import io.lode.spi.ObjectBytes;
import io.lode.spi.ObjectStore;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The linear history of a dataset or a volume as Lode stores it: one manifest per snapshot under a
 * prefix, whose presence is the commit, and a {@code latest} pointer naming the head
 * (docs/dataset-format.md, "Commit protocol"). Both paradigms commit and find their head through
 * this one class, so they cannot drift apart.
 *
 * <p>The head is found in this order: the head this instance committed last (no request); else the
 * snapshot the pointer names, if its manifest exists (2 requests); else, when the pointer is
 * missing or names a manifest that never landed, the greatest snapshot id found by listing the
 * prefix (the degraded path). {@link #latest()} repairs a pointer the listing had to correct.
 *
 * <p>A commit moves the pointer by compare-and-swap against the version its head was read at, then
 * writes the manifest; of two writers on one head exactly one moves it, the other gets
 * {@code SNAPSHOT_CONFLICT}. Any failure forgets the cached head, so the next commit re-reads it.
 * A pointer that names a snapshot without a manifest (a ghost) is a commit in flight or one whose
 * writer died between its two steps; a writer closes it before building on anything older, so that
 * two commits never fork from one parent (docs/rfcs/0003-closing-ghost-commits.md).
 *
 * <p>Not thread-safe: one instance serves one dataset or volume handle, which is for one thread.
 *
 * @param <S> the paradigm's snapshot (a dataset's or a volume's)
 */
public final class SnapshotHistory<S> {
    private static final System.Logger LOG = System.getLogger(SnapshotHistory.class.getName());

    /** What the history needs to know of a paradigm's manifests. */
    public interface Manifests<S> {
        /** The key of the manifest of snapshot {@code snapshotId} (a valid path segment). */
        String manifestKey(String snapshotId);

        /** The snapshot id that a key listed under the prefix is the manifest of, or null for any other key. */
        String snapshotIdOf(String listedKey);

        /** Parses and validates the manifest read from {@code key} as snapshot {@code snapshotId}. */
        S parse(byte[] manifest, String key, String snapshotId);

        /**
         * A manifest for snapshot {@code snapshotId} that changes nothing on top of {@code parent}
         * (null for none), marked in its metadata as closing a commit that never wrote its own
         * ({@link SnapshotHistory#head}).
         */
        Manifested<S> closing(String snapshotId, S parent);

        /** The metadata of {@code snapshot}'s manifest. */
        Metadata metadata(S snapshot);

        /** The id of {@code snapshot}'s parent, or null for a first snapshot. */
        String parentId(S snapshot);
    }

    /** A snapshot and the bytes of its manifest. */
    public record Manifested<S>(S snapshot, byte[] manifest) {}

    /** The metadata key that marks a manifest written to close a commit that never landed. */
    public static final String CLOSED_COMMIT_KEY = "lode_closed_commit";

    /** The metadata of a closing manifest. */
    public static final Metadata CLOSING_METADATA = Metadata.of(CLOSED_COMMIT_KEY, "true");

    /**
     * Whether a manifest with {@code metadata} only closes a commit that never landed: the key is
     * reserved ({@link #checkMetadataKeys}), so no commit carries it.
     */
    public static boolean isClosing(Metadata metadata) {
        return metadata.asMap().containsKey(CLOSED_COMMIT_KEY);
    }

    /**
     * The {@code NOT_FOUND} of a snapshot id that names a closing manifest: the commit of that id
     * never landed, so nothing of it is stored.
     */
    public LodeException neverCommitted(String snapshotId) {
        return new LodeException(ErrorCode.NOT_FOUND, "snapshot " + snapshotId + " of " + what + " was never committed: its"
                + " writer moved the pointer but did not write its manifest, and another writer closed it. Nothing of that"
                + " commit is stored; commit it again");
    }

    /**
     * Fails with {@code INVALID_ARGUMENT} if a commit's metadata holds {@link #CLOSED_COMMIT_KEY},
     * which would make the commit read as one that never landed.
     */
    public static void checkMetadataKeys(Metadata metadata) {
        if (isClosing(metadata)) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "metadata key '" + CLOSED_COMMIT_KEY
                    + "' is reserved: it marks snapshots that close a commit that never landed; use another key");
        }
    }

    /** How long a writer waits for the manifest of a commit in flight before it closes that commit. */
    private static final int GHOST_WAITS = 4;

    /**
     * The head a commit builds on.
     *
     * @param parent the head snapshot, or null for an empty history
     * @param pointerEtag the pointer version the commit's compare-and-swap expects; null when there is no pointer
     */
    public record Head<S>(S parent, String pointerEtag) {}

    private final ObjectStore store;
    private final HeadPointer pointer;
    private final String listPrefix;
    private final String what;
    private final Manifests<S> manifests;
    // What this instance committed last: the next commit's head, with no request. Null after a failure.
    private Head<S> committed;

    /**
     * @param pointerKey the key of the {@code latest} pointer
     * @param listPrefix the prefix under which every manifest of the history is listed
     * @param what names the history in messages, e.g. {@code dataset 'sales'}
     */
    public SnapshotHistory(ObjectStore store, String pointerKey, String listPrefix, String what, Manifests<S> manifests) {
        this.store = store;
        this.pointer = new HeadPointer(store, pointerKey);
        this.listPrefix = listPrefix;
        this.what = what;
        this.manifests = manifests;
    }

    /** The head a commit builds on: no request when warm, else 2 requests, and a listing only on the degraded path. */
    public Head<S> head() {
        if (committed != null) {
            return committed;
        }
        HeadPointer.Seen seen = pointer.read();
        Optional<S> named = named(seen.id());
        if (named.isPresent()) {
            return new Head<>(named.get(), seen.etag());
        }
        // The pointer is missing or names a snapshot whose manifest is not there: the head is the
        // newest manifest, and the pointer version to replace is the one just read (ghost or none).
        String greatestKey = greatestKey();
        S greatest = greatestKey == null ? null : load(greatestKey, manifests.snapshotIdOf(greatestKey));
        if (isLiveGhost(seen.id(), greatestKey)) {
            return new Head<>(closeGhost(seen.id(), greatest), seen.etag());
        }
        return new Head<>(greatest, seen.etag());
    }

    /**
     * Whether the pointer names a snapshot newer than every manifest, which no manifest backs: the
     * commit of a writer between its pointer swap and its manifest, or of one that died there.
     * Its manifest may still land, so nothing may be built on the older head until it is closed.
     */
    private boolean isLiveGhost(String pointed, String greatestKey) {
        if (pointed == null || !isSnapshotId(pointed)) {
            return false;
        }
        return greatestKey == null || SnapshotIds.compare(pointed, manifests.snapshotIdOf(greatestKey)) > 0;
    }

    /** Whether {@code id} is one Lode could have issued: a decimal nanosecond count that fits a long. */
    private static boolean isSnapshotId(String id) {
        try {
            return id.chars().allMatch(Character::isDigit) && Long.parseLong(id) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Settles a ghost commit: waits briefly for its manifest (a commit in flight usually lands in
     * milliseconds), then creates, only if absent, a manifest at its key that changes nothing on
     * {@code parent}. Either that create wins, and the ghost's writer finds its manifest taken and
     * reports {@code SNAPSHOT_CONFLICT} (nothing of it committed), or the ghost's manifest landed
     * first and is the head. Either way the history stays one line.
     *
     * @return the head: the ghost's own snapshot, or the closing one
     */
    private S closeGhost(String ghostId, S parent) {
        String key = manifests.manifestKey(ghostId);
        for (int wait = 1; wait <= GHOST_WAITS; wait++) {
            Retries.backOff(wait);
            Optional<ObjectBytes> landed = store.find(key);
            if (landed.isPresent()) {
                return manifests.parse(landed.get().bytes(), key, ghostId);
            }
        }
        Manifested<S> closing = manifests.closing(ghostId, parent);
        try {
            Retries.retried(() -> store.put(key, closing.manifest()));
        } catch (LodeException e) {
            if (e.code() != ErrorCode.PATH_EXISTS) {
                throw e;
            }
            return load(key, ghostId); // the ghost's own manifest (or another writer's closing one) won
        }
        LOG.log(System.Logger.Level.WARNING, "{0}: the pointer named snapshot {1}, whose manifest never landed; closed it with"
                + " a snapshot that changes nothing (its writer, if alive, gets SNAPSHOT_CONFLICT)", what, ghostId);
        return closing.snapshot();
    }

    /**
     * Commits {@code snapshot} on {@code head}: moves the pointer to {@code snapshotId}, then
     * creates {@code manifest} at {@link Manifests#manifestKey}, which is the commit, then creates
     * the same bytes under each of {@code copyKeys} (a dataset's partition manifests).
     *
     * <p>Every step is made safe to repeat, so a lost response is retried rather than reported: the
     * pointer swap recognises its own move ({@link HeadPointer#swap}) and the creates recognise
     * their own objects. Whether the commit happened is decided by the manifest alone: if its
     * create keeps failing and reading it back cannot show it, the outcome is unknown and the commit
     * fails with {@code COMMIT_INDETERMINATE}, naming the snapshot to look for.
     *
     * @throws LodeException {@code SNAPSHOT_CONFLICT} when another writer moved the pointer since
     *     {@code head} was read, or holds this snapshot id; {@code COMMIT_INDETERMINATE} when the
     *     manifest may or may not exist; any other failure of the store, before the manifest, as it
     *     was thrown (nothing was committed)
     */
    public void commit(Head<S> head, String snapshotId, S snapshot, byte[] manifest, Collection<String> copyKeys) {
        committed = null;
        String etag = pointer.swap(head.pointerEtag(), snapshotId, what);
        String key = manifests.manifestKey(snapshotId);
        try {
            Retries.retried(() -> store.put(key, manifest));
        } catch (LodeException failure) {
            settle(key, snapshotId, manifest, failure);
        }
        for (String copy : copyKeys) {
            try {
                Retries.retried(() -> store.put(copy, manifest));
            } catch (LodeException e) {
                // Committed already: a missing copy only hides the snapshot from partition-wise readers of other tools.
                LOG.log(System.Logger.Level.WARNING, "{0}: snapshot {1} is committed, but its manifest copy {2} could not be"
                        + " written: {3}", what, snapshotId, copy, e.getMessage());
            }
        }
        committed = new Head<>(snapshot, etag);
    }

    /** Decides a manifest create that failed: returns if the manifest is this commit's, else throws what happened. */
    private void settle(String key, String snapshotId, byte[] manifest, LodeException failure) {
        Optional<ObjectBytes> there;
        try {
            there = Retries.retried(() -> store.find(key));
        } catch (LodeException unreadable) {
            failure.addSuppressed(unreadable);
            throw indeterminate(snapshotId, failure);
        }
        if (there.isPresent() && Arrays.equals(there.get().bytes(), manifest)) {
            return;
        }
        if (there.isPresent() || failure.code() == ErrorCode.PATH_EXISTS) {
            throw new LodeException(ErrorCode.SNAPSHOT_CONFLICT, "another writer committed snapshot " + snapshotId + " of " + what
                    + " first; nothing was committed. Write again", failure);
        }
        // Absent now, yet a request that was sent may still be executed later: only a definite refusal is final.
        throw failure.retryable() ? indeterminate(snapshotId, failure) : failure;
    }

    private LodeException indeterminate(String snapshotId, LodeException cause) {
        return new LodeException(ErrorCode.COMMIT_INDETERMINATE, "the commit of snapshot " + snapshotId + " of " + what
                + " may or may not have landed: the store did not confirm its manifest (" + cause.getMessage() + "). Look for"
                + " snapshot " + snapshotId + " (snapshot(id) or latest()) before writing again, or the change may be applied twice",
                cause, true);
    }

    /**
     * The head snapshot (2 requests: pointer, manifest). When the pointer is missing or stale, the
     * newest manifest is found by listing and the pointer repaired; a pointer that names a commit
     * still in flight is left alone.
     *
     * @throws LodeException {@code NO_SNAPSHOTS} when the history is empty
     */
    public S latest() {
        HeadPointer.Seen seen = pointer.read();
        Optional<S> named = named(seen.id());
        if (named.isPresent()) {
            return committedAncestor(named.get());
        }
        String key = greatestKey();
        if (key == null) {
            throw new LodeException(ErrorCode.NO_SNAPSHOTS, what + " has no snapshots yet");
        }
        String snapshotId = manifests.snapshotIdOf(key);
        S head = load(key, snapshotId);
        if (!isLiveGhost(seen.id(), key)) {
            // Never over a live ghost: moving the pointer back under a commit in flight would let the
            // next writer build on the older head beside it.
            pointer.heal(seen, snapshotId);
        }
        return committedAncestor(head);
    }

    /**
     * {@code snapshot}, or, if it only closes a commit that never landed, its nearest ancestor that
     * is a real commit (one more request per closing snapshot, which are rare).
     *
     * @throws LodeException {@code NO_SNAPSHOTS} when no real commit precedes it
     */
    private S committedAncestor(S snapshot) {
        S s = snapshot;
        while (isClosing(manifests.metadata(s))) {
            String parent = manifests.parentId(s);
            s = parent == null ? null : named(parent).orElse(null);
            if (s == null) {
                throw new LodeException(ErrorCode.NO_SNAPSHOTS, what + " has no committed snapshots yet");
            }
        }
        return s;
    }

    /** The snapshot the pointer names, or empty when it names none or one whose manifest does not exist. */
    private Optional<S> named(String snapshotId) {
        if (snapshotId == null || !PathSegment.isValid(snapshotId)) {
            return Optional.empty();
        }
        String key = manifests.manifestKey(snapshotId);
        return store.find(key).map(b -> manifests.parse(b.bytes(), key, snapshotId));
    }

    /** The degraded path: the key of the manifest with the greatest snapshot id under the prefix, or null for none. */
    private String greatestKey() {
        String bestKey = null;
        String bestId = null;
        try (Stream<ListedObject> listed = store.list(listPrefix)) {
            for (ListedObject o : (Iterable<ListedObject>) listed::iterator) {
                String id = manifests.snapshotIdOf(o.key());
                if (id != null && (bestId == null || SnapshotIds.compare(id, bestId) > 0)) {
                    bestId = id;
                    bestKey = o.key();
                }
            }
        }
        return bestKey;
    }

    private S load(String key, String snapshotId) {
        ObjectBytes b = store.get(key);
        return manifests.parse(b.bytes(), key, snapshotId);
    }
}
