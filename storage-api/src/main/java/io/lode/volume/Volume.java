package io.lode.volume;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.dataset.Checksum;
import io.lode.dataset.Metadata;
import io.lode.snapshot.ChecksumVerification;
import io.lode.snapshot.PathSegment;
import io.lode.snapshot.SnapshotHistory;
import io.lode.snapshot.SnapshotHistory.Head;
import io.lode.snapshot.SnapshotIds;
import io.lode.internal.Require;
import io.lode.spi.ListedObject;
import io.lode.spi.ObjectStore;
import io.lode.volume.internal.BlockSet;
import io.lode.volume.internal.VolumeManifestJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A sparse byte address space of fixed length with linear history, stored as Lode stores it. Stage
 * blocks anywhere with {@link #stageWriteAt}, make them visible with {@link #commit}; each snapshot
 * lists every block committed so far. {@link #readAt} returns exactly the bytes asked for or fails
 * with {@code RANGE_MISSING}: no zero fill, no partial result.
 *
 * <p>Resume after a crash: open the volume again, take {@link #latest()}, stage what its blocks do
 * not cover and commit. Staging the same offset and length twice fails with {@code PATH_EXISTS}
 * (block paths are deterministic); a resuming caller may treat that block as already staged.
 *
 * <p>Costs in store requests: stage 1; commit 2 when warm (pointer compare-and-swap, manifest: the
 * parent is the snapshot this instance committed last), 2 more on an instance's first commit (the
 * pointer and the manifest it names); {@link #readAt} 1 + the blocks it touches; {@link #latest()} 2.
 * Concurrent committers never fork the history: the loser gets {@code SNAPSHOT_CONFLICT}; commit
 * again (its blocks merge with the winner's unless they overlap).
 */
public final class Volume {
    private final ObjectStore store;
    private final String id;
    private final long totalLength;
    private final Checksum checksum;
    private final SnapshotHistory<VolumeSnapshot> history;

    private Volume(ObjectStore store, String id, long totalLength, Checksum checksum) {
        this.store = store;
        this.id = id;
        this.totalLength = totalLength;
        this.checksum = checksum;
        this.history = new SnapshotHistory<>(store, "volumes/" + id + "/latest", listPrefix(), "volume '" + id + "'",
                new SnapshotHistory.Manifests<>() {
                    @Override
                    public String manifestKey(String snapshotId) {
                        return manifestPath(snapshotId);
                    }

                    @Override
                    public String snapshotIdOf(String listedKey) {
                        return Volume.snapshotIdOf(listedKey);
                    }

                    @Override
                    public VolumeSnapshot parse(byte[] manifest, String key, String snapshotId) {
                        return Volume.this.parse(manifest, key, snapshotId);
                    }

                    @Override
                    public SnapshotHistory.Manifested<VolumeSnapshot> closing(String snapshotId, VolumeSnapshot parent) {
                        // The parent's blocks: a snapshot that stands for a commit that never happened changes nothing.
                        VolumeManifest m = new VolumeManifest(VolumeManifest.SCHEMA_NAME, VolumeManifest.FORMAT_VERSION, id, snapshotId,
                                SnapshotIds.instant(Long.parseLong(snapshotId)), SnapshotHistory.CLOSING_METADATA,
                                totalLength, parent == null ? List.of() : parent.manifest().blocks(),
                                parent == null ? null : parent.id(), checksum == null ? null : checksum.name());
                        return new SnapshotHistory.Manifested<>(new VolumeSnapshot(snapshotId, m), VolumeManifestJson.write(m));
                    }

                    @Override
                    public Metadata metadata(VolumeSnapshot snapshot) {
                        return snapshot.manifest().metadata();
                    }

                    @Override
                    public String parentId(VolumeSnapshot snapshot) {
                        return snapshot.manifest().parentSnapshotId();
                    }
                });
    }

    /**
     * Opens volume {@code id} of {@code totalLength} bytes on {@code store}; nothing is read or
     * written until it is used.
     */
    public static Volume open(ObjectStore store, String id, long totalLength, VolumeOptions options) {
        Require.nonNull(store, "store");
        PathSegment.check(id, "volume id");
        if (totalLength <= 0) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "a volume's total length must be positive, not " + totalLength);
        }
        return new Volume(store, id, totalLength, options == null ? null : options.checksum());
    }

    public String id() {
        return id;
    }

    public long totalLength() {
        return totalLength;
    }

    /** The store key of the block at {@code offset} of {@code length} bytes. */
    public String blockPath(long offset, long length) {
        return "volumes/" + id + "/data/" + offset + "-" + length + ".bin";
    }

    // ------------------------------------------------------------------ writes

    /** Stages {@code bytes} at {@code offset} (1 request); nothing becomes visible until {@link #commit}. */
    public BlockRef stageWriteAt(long offset, byte[] bytes) {
        Require.nonNull(bytes, "bytes");
        checkRange(offset, bytes.length, "stage");
        String path = blockPath(offset, bytes.length);
        String sum = null;
        if (checksum != null) {
            Checksum.Hasher h = checksum.newHasher();
            h.update(bytes, 0, bytes.length);
            sum = h.sum();
        }
        store.put(path, bytes);
        return new BlockRef(offset, bytes.length, path, sum);
    }

    /** Stages everything {@code in} holds at {@code offset}; reads it into memory first, as Lode does. */
    public BlockRef stageWriteAt(long offset, InputStream in) {
        Require.nonNull(in, "in");
        if (offset < 0 || offset >= totalLength) {
            checkRange(offset, 1, "stage");
        }
        long room = Math.min(totalLength - offset, Integer.MAX_VALUE - 8);
        byte[] bytes;
        try {
            bytes = in.readNBytes((int) room);
            if (in.read() >= 0) {
                throw new LodeException(ErrorCode.INVALID_ARGUMENT, "the block at " + offset + " runs past the volume's end ("
                        + totalLength + " bytes) or past 2 GiB; stage smaller blocks");
            }
        } catch (IOException e) {
            throw new LodeException(ErrorCode.IO, "cannot read the block to stage: " + e.getMessage(), e);
        }
        return stageWriteAt(offset, bytes);
    }

    private void checkRange(long offset, long length, String what) {
        if (offset < 0) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "cannot " + what + " at negative offset " + offset);
        }
        if (length <= 0) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "cannot " + what + " an empty range: a block must not be empty");
        }
        if (offset > totalLength || length > totalLength - offset) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "cannot " + what + " [" + offset + ", +" + length + "): it runs past the volume's "
                    + totalLength + " bytes");
        }
    }

    /**
     * Commits staged blocks: the new snapshot holds every block committed before plus these.
     *
     * @throws LodeException {@code INVALID_ARGUMENT} for an empty list, a block out of bounds or
     *     with a path that is not this volume's, or only already-committed blocks;
     *     {@code OVERLAPPING_BLOCKS} when blocks would overlap; {@code SNAPSHOT_CONFLICT} when another
     *     writer committed first
     */
    public VolumeSnapshot commit(List<BlockRef> blocks, Metadata metadata) {
        Metadata md = metadata == null ? Metadata.empty() : metadata;
        if (blocks == null || blocks.isEmpty()) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "commit needs at least one staged block");
        }
        SnapshotHistory.checkMetadataKeys(md);
        for (BlockRef b : blocks) {
            if (b == null) {
                throw new LodeException(ErrorCode.INVALID_ARGUMENT, "blocks must not contain null");
            }
            checkRange(b.offset(), b.length(), "commit");
            String expected = blockPath(b.offset(), b.length());
            if (!expected.equals(b.path())) {
                throw new LodeException(ErrorCode.INVALID_ARGUMENT, "block path '" + b.path() + "' does not match " + expected
                        + "; commit the BlockRef that stageWriteAt returned for this volume");
            }
        }
        Head<VolumeSnapshot> head = history.head();
        List<BlockRef> existing = head.parent() == null ? List.of() : head.parent().manifest().blocks();
        Set<String> committed = new HashSet<>();
        existing.forEach(b -> committed.add(b.path()));
        if (blocks.stream().allMatch(b -> committed.contains(b.path()))) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "all provided blocks are already committed; nothing to commit");
        }
        List<BlockRef> merged = BlockSet.merge(existing, blocks);
        BlockRef[] overlap = BlockSet.firstOverlap(merged);
        if (overlap != null) {
            throw new LodeException(ErrorCode.OVERLAPPING_BLOCKS, "overlapping blocks in cumulative manifest: [" + overlap[0].offset() + ", +"
                    + overlap[0].length() + ") and [" + overlap[1].offset() + ", +" + overlap[1].length() + ")");
        }
        String parentId = head.parent() == null ? null : head.parent().id();
        long sid = SnapshotIds.next(parentId);
        String snapshotId = Long.toString(sid);
        VolumeManifest m = new VolumeManifest(VolumeManifest.SCHEMA_NAME, VolumeManifest.FORMAT_VERSION, id, snapshotId,
                SnapshotIds.instant(sid), md, totalLength, merged, parentId, checksum == null ? null : checksum.name());
        byte[] json = VolumeManifestJson.write(m);
        VolumeSnapshot next = new VolumeSnapshot(snapshotId, m);
        history.commit(head, snapshotId, next, json, List.of());
        return next;
    }

    // ------------------------------------------------------------------ reads

    /**
     * Exactly {@code length} bytes at {@code offset} of a snapshot (1 request for the manifest plus
     * one per block touched). {@code RANGE_MISSING} when any byte is not committed. A block read
     * whole is checked against its recorded checksum.
     */
    public byte[] readAt(String snapshotId, long offset, int length) {
        if (offset < 0 || length <= 0) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "readAt needs offset >= 0 and length > 0, not " + offset + " and " + length);
        }
        if (offset > totalLength || length > totalLength - offset) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "[" + offset + ", +" + length + ") runs past the volume's " + totalLength + " bytes");
        }
        VolumeManifest m = snapshot(snapshotId).manifest();
        byte[] out = new byte[length];
        for (BlockRef b : BlockSet.cover(m.blocks(), offset, length)) {
            long from = Math.max(offset, b.offset());
            long to = Math.min(offset + length, b.end());
            byte[] part = store.getRange(b.path(), from - b.offset(), to - from).bytes();
            if (part.length != to - from) {
                throw new LodeException(ErrorCode.CORRUPTION, "block data truncated: " + b.path() + " returned " + part.length + " of "
                        + (to - from) + " bytes");
            }
            if (from == b.offset() && to == b.end()) {
                ChecksumVerification.verify(m.checksumAlgorithm(), b.checksum(), part, b.path());
            }
            System.arraycopy(part, 0, out, (int) (from - offset), part.length);
        }
        return out;
    }

    /**
     * A snapshot by id (1 request), validated. {@code NOT_FOUND} when it does not exist, or when its
     * commit never landed and another writer closed it (docs/rfcs/0003-closing-ghost-commits.md):
     * then commit again.
     */
    public VolumeSnapshot snapshot(String snapshotId) {
        VolumeSnapshot s = load(snapshotId);
        if (isClosing(s)) {
            throw history.neverCommitted(snapshotId);
        }
        return s;
    }

    private VolumeSnapshot load(String snapshotId) {
        PathSegment.check(snapshotId, "snapshot id");
        String key = manifestPath(snapshotId);
        byte[] manifest = store.find(key).orElseThrow(() -> new LodeException(ErrorCode.NOT_FOUND, "volume '" + id
                + "' has no snapshot " + snapshotId)).bytes();
        return parse(manifest, key, snapshotId);
    }

    private static boolean isClosing(VolumeSnapshot s) {
        return SnapshotHistory.isClosing(s.manifest().metadata());
    }

    private VolumeSnapshot parse(byte[] manifest, String key, String snapshotId) {
        VolumeManifest m = VolumeManifestJson.read(manifest, key);
        if (!m.volumeId().equals(id)) {
            throw new LodeException(ErrorCode.MANIFEST_INVALID, key + " belongs to volume '" + m.volumeId() + "', not '" + id + "'");
        }
        if (m.totalLength() != totalLength) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "volume '" + id + "' has total length " + m.totalLength()
                    + " in snapshot " + snapshotId + ", but was opened with " + totalLength + "; open it with its real length");
        }
        return new VolumeSnapshot(snapshotId, m);
    }

    /**
     * Every snapshot, oldest first by created_at, without those that only close a commit that never
     * landed. Lists the volume: a cold-path call.
     */
    public List<VolumeSnapshot> snapshots() {
        List<VolumeSnapshot> all = new ArrayList<>();
        try (Stream<ListedObject> listed = store.list(listPrefix())) {
            listed.map(o -> snapshotIdOf(o.key())).filter(java.util.Objects::nonNull).distinct().forEach(s -> all.add(load(s)));
        }
        all.removeIf(Volume::isClosing);
        all.sort(Comparator.comparing((VolumeSnapshot s) -> s.manifest().createdAt()).thenComparing(VolumeSnapshot::id, SnapshotIds::compare));
        return all;
    }

    /** The head snapshot (2 requests); a missing or stale pointer is repaired after a scan. {@code NO_SNAPSHOTS} when empty. */
    public VolumeSnapshot latest() {
        return history.latest();
    }

    private String listPrefix() {
        return "volumes/" + id + "/snapshots/";
    }

    private String manifestPath(String snapshotId) {
        return listPrefix() + snapshotId + "/manifest.json";
    }

    /** A listed key's snapshot id if it is a manifest ({@code <prefix><id>/manifest.json}), else null. */
    private static String snapshotIdOf(String key) {
        if (!key.endsWith("/manifest.json")) {
            return null;
        }
        String[] s = key.split("/");
        return s.length == 5 && !s[3].isEmpty() ? s[3] : null;
    }

    @Override
    public String toString() {
        return "Volume[" + id + ", " + totalLength + " bytes]";
    }
}
