package io.lode.dataset;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.dataset.internal.BackgroundPut;
import io.lode.dataset.internal.ManifestJson;
import io.lode.dataset.internal.MeasuredOutputStream;
import io.lode.snapshot.ManifestFields;
import io.lode.snapshot.PathSegment;
import io.lode.snapshot.SnapshotHistory;
import io.lode.snapshot.SnapshotHistory.Head;
import io.lode.snapshot.SnapshotIds;
import io.lode.dataset.internal.VerifyingInputStream;
import io.lode.internal.Require;
import io.lode.spi.ListedObject;
import io.lode.spi.ObjectBytes;
import io.lode.spi.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A named, append-only history of immutable snapshots, stored as Lode stores it. Each write stores
 * its data files, moves the {@code latest} pointer, then writes the manifest, whose presence is the
 * commit. History is linear: every snapshot's parent is the head it was written on.
 *
 * <p>Costs in store requests (P = partitions written): a write on a warm instance 3 (2P+2 with
 * hive partitions: data, pointer, manifests); the first write of an instance 2 more (the pointer and
 * the manifest it names) and a listing only when the pointer is missing or stale; {@link #latest()} 2;
 * {@link #snapshot(String)} 1; {@link #read(String)} 1 + files. No hot path lists.
 *
 * <p>Concurrency: one instance is meant for one thread. Writers in other instances, threads or
 * processes never fork the history: the pointer is moved by compare-and-swap, and a writer whose
 * head moved under it gets {@link ErrorCode#SNAPSHOT_CONFLICT} and leaves nothing visible. To
 * retry, write again: after a conflict the instance re-reads the head.
 */
public final class Dataset {
    private static final System.Logger LOG = System.getLogger(Dataset.class.getName());

    private final ObjectStore store;
    private final String id;
    private final DatasetOptions options;
    private final Layout layout;
    private final SnapshotHistory<DatasetSnapshot> history;

    private Dataset(ObjectStore store, String id, DatasetOptions options) {
        this.store = store;
        this.id = id;
        this.options = options;
        this.layout = options.layout();
        this.history = new SnapshotHistory<>(store, layout.pointerPath(id), layout.listPrefix(id), "dataset '" + id + "'",
                new SnapshotHistory.Manifests<>() {
                    @Override
                    public String manifestKey(String snapshotId) {
                        return layout.manifestPath(id, snapshotId, "");
                    }

                    @Override
                    public String snapshotIdOf(String listedKey) {
                        return Dataset.this.snapshotIdOf(listedKey);
                    }

                    @Override
                    public DatasetSnapshot parse(byte[] manifest, String key, String snapshotId) {
                        return Dataset.this.parse(manifest, key, snapshotId);
                    }

                    @Override
                    public SnapshotHistory.Manifested<DatasetSnapshot> closing(String snapshotId, DatasetSnapshot parent) {
                        // No files: a snapshot that stands for a write that never happened holds no rows.
                        Manifest m = new Manifest(Manifest.SCHEMA_NAME, Manifest.FORMAT_VERSION, id, snapshotId,
                                SnapshotIds.instant(Long.parseLong(snapshotId)), SnapshotHistory.CLOSING_METADATA,
                                List.of(), parent == null ? null : parent.id(), 0, null, null,
                                options.codec() == null ? null : options.codec().name(), options.compressor().name(),
                                layout.partitioner(), options.checksum() == null ? null : options.checksum().name());
                        return new SnapshotHistory.Manifested<>(new DatasetSnapshot(snapshotId, m), ManifestJson.write(m));
                    }

                    @Override
                    public Metadata metadata(DatasetSnapshot snapshot) {
                        return snapshot.manifest().metadata();
                    }

                    @Override
                    public String parentId(DatasetSnapshot snapshot) {
                        return snapshot.manifest().parentSnapshotId();
                    }
                });
    }

    /**
     * Opens the dataset {@code id} on {@code store}. Nothing is read or written until it is used.
     *
     * @param id one path segment: not empty, no {@code /}, not {@code .} or {@code ..}
     */
    public static Dataset open(ObjectStore store, String id, DatasetOptions options) {
        Require.nonNull(store, "store");
        Require.nonNull(options, "options");
        options.requireConsistent();
        PathSegment.check(id, "dataset id");
        return new Dataset(store, id, options);
    }

    /** The dataset's id. */
    public String id() {
        return id;
    }

    /** The options it was opened with. */
    public DatasetOptions options() {
        return options;
    }

    // ------------------------------------------------------------------ writes

    /**
     * Writes records as a new snapshot: one data file per partition, encoded with the codec and
     * compressed. Zero records make a snapshot with no files. Records that implement
     * {@link Timestamped} set the manifest's min and max timestamps.
     *
     * @param metadata the snapshot's metadata; null is {@link Metadata#empty()}
     */
    public DatasetSnapshot write(List<? extends Map<String, ?>> records, Metadata metadata) {
        Require.nonNull(records, "records");
        Codec codec = options.codec();
        if (codec == null) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "dataset '" + id + "' has no codec (raw blob mode): write a byte[] with "
                    + "write(byte[], Metadata), or open it with a codec such as Codecs.jsonl() to write records");
        }
        Metadata md = metadata == null ? Metadata.empty() : metadata;
        Map<String, List<Map<String, ?>>> groups = new LinkedHashMap<>();
        TimeRange times = new TimeRange();
        long index = 0;
        for (Map<String, ?> r : records) {
            groups.computeIfAbsent(layout.partitionOf(r, index++), k -> new ArrayList<>()).add(r);
            times.add(r);
        }
        Head<DatasetSnapshot> head = history.head();
        String snapshotId = nextSnapshotId(head);
        List<FileRef> files = new ArrayList<>();
        try {
            for (Map.Entry<String, List<Map<String, ?>>> g : groups.entrySet()) {
                String path = layout.dataPath(id, snapshotId, g.getKey(), "data", options.compressor().extension());
                files.add(putEncoded(path, out -> codec.encode(out, g.getValue()), codec));
            }
        } catch (RuntimeException e) {
            deleteQuietly(files);
            throw e;
        }
        return commit(head, snapshotId, files, index, times, codec.name(), md, groups.keySet());
    }

    /** Writes one byte array as a new snapshot (raw blob mode: the dataset has no codec). */
    public DatasetSnapshot write(byte[] blob, Metadata metadata) {
        Require.nonNull(blob, "blob");
        requireRawMode("write(byte[], Metadata)");
        Metadata md = metadata == null ? Metadata.empty() : metadata;
        Head<DatasetSnapshot> head = history.head();
        String snapshotId = nextSnapshotId(head);
        String path = layout.dataPath(id, snapshotId, "", "blob", options.compressor().extension());
        FileRef file = putEncoded(path, out -> {
            try {
                out.write(blob);
            } catch (IOException e) {
                throw new LodeException(ErrorCode.IO, "cannot compress the blob: " + e.getMessage(), e);
            }
        }, null);
        return commit(head, snapshotId, List.of(file), 1, new TimeRange(), null, md, List.of(""));
    }

    /**
     * Starts a single-pass write of one raw blob of any size, in constant memory: bytes written to
     * the {@link StreamWriter} are compressed and uploaded as they come, and become a snapshot on
     * {@link StreamWriter#commit()}. Fails with {@code CODEC_CONFIGURED} when the dataset has a codec.
     */
    public StreamWriter streamWrite(Metadata metadata) {
        if (options.codec() != null) {
            throw new LodeException(ErrorCode.CODEC_CONFIGURED, "streamWrite writes one raw blob and requires a dataset without a codec; "
                    + "dataset '" + id + "' has codec " + options.codec().name() + ": use streamWriteRecords instead");
        }
        Metadata md = metadata == null ? Metadata.empty() : metadata;
        Head<DatasetSnapshot> head = history.head();
        String snapshotId = nextSnapshotId(head);
        String path = layout.dataPath(id, snapshotId, "", "blob", options.compressor().extension());
        BackgroundPut put = BackgroundPut.start(store, path);
        MeasuredOutputStream measured = new MeasuredOutputStream(put.body(), options.checksum());
        OutputStream compressed;
        try {
            compressed = options.compressor().compress(measured);
        } catch (IOException | RuntimeException e) {
            put.abort();
            throw new LodeException(ErrorCode.IO, "cannot start the compressor: " + e.getMessage(), e);
        }
        return new StreamWriter(this, head, snapshotId, md, put, measured, compressed);
    }

    /**
     * Writes the records an iterator yields as one data file in a single pass, in constant memory:
     * each record is encoded, compressed and uploaded as it is pulled. An empty iterator makes a
     * snapshot with 0 rows and one empty file. On any failure nothing becomes visible and the
     * partial file is deleted.
     *
     * @throws LodeException {@code INVALID_ARGUMENT} without a codec or iterator,
     *     {@code CODEC_NOT_STREAMABLE} for a codec that cannot stream, {@code PARTITIONING_NOT_SUPPORTED}
     *     for a hive layout
     */
    public DatasetSnapshot streamWriteRecords(Iterator<? extends Map<String, ?>> records, Metadata metadata) {
        Metadata md = metadata == null ? Metadata.empty() : metadata;
        if (records == null) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "records iterator must not be null");
        }
        if (options.codec() == null) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "streamWriteRecords requires a codec; dataset '" + id
                    + "' is in raw blob mode: open it with Codecs.jsonl(), or use streamWrite for bytes");
        }
        if (!(options.codec() instanceof StreamingCodec codec)) {
            throw new LodeException(ErrorCode.CODEC_NOT_STREAMABLE, "codec " + options.codec().name()
                    + " does not support streaming; use write(List, Metadata) or a streaming codec such as Codecs.jsonl()");
        }
        if (layout.partitions()) {
            throw new LodeException(ErrorCode.PARTITIONING_NOT_SUPPORTED, "streamWriteRecords does not support partitioning ("
                    + layout + "); use write(List, Metadata) for partitioned datasets");
        }
        Head<DatasetSnapshot> head = history.head();
        String snapshotId = nextSnapshotId(head);
        String path = layout.dataPath(id, snapshotId, "", "data", options.compressor().extension());
        BackgroundPut put = BackgroundPut.start(store, path);
        MeasuredOutputStream measured = new MeasuredOutputStream(put.body(), options.checksum());
        TimeRange times = new TimeRange();
        long rows = 0;
        FileStats stats;
        try (OutputStream compressed = options.compressor().compress(measured)) {
            RecordEncoder encoder = codec.newEncoder(compressed);
            while (records.hasNext()) {
                Map<String, ?> r = records.next();
                encoder.write(r);
                times.add(r);
                rows++;
            }
            encoder.finish();
            stats = encoder.fileStats();
        } catch (IOException | RuntimeException e) {
            LodeException uploadFailure = put.failure();
            put.abort();
            if (uploadFailure != null) {
                throw uploadFailure;
            }
            throw e instanceof LodeException le ? le
                    : new LodeException(ErrorCode.IO, "streamWriteRecords failed; nothing was committed: " + e.getMessage(), e);
        }
        try {
            put.await();
        } catch (RuntimeException e) {
            put.deleteQuietly();
            throw e;
        }
        FileRef file = new FileRef(path, measured.count(), measured.checksum(), stats);
        return commit(head, snapshotId, List.of(file), rows, times, codec.name(), md, List.of(""));
    }

    /** Encodes into memory through the compressor and stores the result create-only. */
    private FileRef putEncoded(String path, java.util.function.Consumer<OutputStream> encode, Codec codec) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        MeasuredOutputStream measured = new MeasuredOutputStream(buffer, options.checksum());
        try (OutputStream compressed = options.compressor().compress(measured)) {
            encode.accept(compressed);
        } catch (IOException e) {
            throw new LodeException(ErrorCode.IO, "cannot encode " + path + ": " + e.getMessage(), e);
        }
        store.put(path, buffer.toByteArray());
        return new FileRef(path, measured.count(), measured.checksum(), codec == null ? null : codec.fileStats());
    }

    private void requireRawMode(String call) {
        if (options.codec() != null) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, call + " is for raw blobs, but dataset '" + id + "' has codec "
                    + options.codec().name() + "; write records with write(List, Metadata)");
        }
    }

    /** A new snapshot id, greater than the head's. */
    private static String nextSnapshotId(Head<DatasetSnapshot> head) {
        return Long.toString(SnapshotIds.next(parentId(head)));
    }

    private static String parentId(Head<DatasetSnapshot> head) {
        return head.parent() == null ? null : head.parent().id();
    }

    /**
     * Moves the pointer, then writes the manifest(s): the commit ({@link SnapshotHistory#commit}).
     * A failure leaves no manifest, deletes the data files (best effort), and makes the next write
     * re-read the head; only a {@code COMMIT_INDETERMINATE} keeps the files, which the manifest
     * may name.
     */
    DatasetSnapshot commit(Head<DatasetSnapshot> head, String snapshotId, List<FileRef> files, long rows, TimeRange times,
                           String codecName, Metadata md, java.util.Collection<String> partitions) {
        try {
            SnapshotHistory.checkMetadataKeys(md);
        } catch (LodeException e) {
            deleteQuietly(files);
            throw e;
        }
        List<FileRef> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(FileRef::path));
        Instant createdAt = SnapshotIds.instant(Long.parseLong(snapshotId));
        Manifest m = new Manifest(Manifest.SCHEMA_NAME, Manifest.FORMAT_VERSION, id, snapshotId, createdAt, md, sorted,
                parentId(head), rows, times.min, times.max, codecName, options.compressor().name(), layout.partitioner(),
                options.checksum() == null ? null : options.checksum().name());
        byte[] json = ManifestJson.write(m);
        DatasetSnapshot committed = new DatasetSnapshot(snapshotId, m);
        List<String> copies = partitions.stream().filter(p -> !p.isEmpty()).map(p -> layout.manifestPath(id, snapshotId, p)).toList();
        try {
            history.commit(head, snapshotId, committed, json, copies);
        } catch (RuntimeException e) {
            if (!(e instanceof LodeException le && le.code() == ErrorCode.COMMIT_INDETERMINATE)) {
                deleteQuietly(files); // nothing was committed; an indeterminate manifest may yet name them
            }
            throw e;
        }
        return committed;
    }

    private void deleteQuietly(List<FileRef> files) {
        for (FileRef f : files) {
            try {
                store.delete(f.path());
            } catch (RuntimeException e) {
                // Orphaned data without a manifest is invisible, so cleanup is best effort; say what stays.
                LOG.log(System.Logger.Level.WARNING, "dataset ''{0}'': could not delete {1} after a failed write: {2}", id, f.path(),
                        e.getMessage());
            }
        }
    }

    /** Min and max of the {@link Timestamped} records seen. */
    static final class TimeRange {
        Instant min;
        Instant max;

        void add(Object record) {
            if (record instanceof Timestamped t && t.timestamp() != null) {
                Instant ts = t.timestamp();
                min = min == null || ts.isBefore(min) ? ts : min;
                max = max == null || ts.isAfter(max) ? ts : max;
            }
        }
    }

    // ------------------------------------------------------------------ reads

    /**
     * The records of a snapshot, from every file in manifest order. Checksums recorded in the
     * manifest are verified ({@code CHECKSUM_MISMATCH}); the manifest's codec and compressor must
     * be this dataset's.
     */
    public List<Map<String, Object>> read(String snapshotId) {
        Manifest m = snapshot(snapshotId).manifest();
        checkComponents(m);
        Codec codec = options.codec();
        if (codec == null) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "dataset '" + id + "' is in raw blob mode; read it with readBlob(id)");
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (FileRef f : m.files()) {
            VerifyingInputStream stored = openStored(f, m);
            try (InputStream in = stored.endingWithVerification(options.compressor().decompress(stored))) {
                records.addAll(codec.decode(in));
                drain(in); // reach the end, where the size and checksum are verified
            } catch (IOException | RuntimeException e) {
                throw stored.explain(e); // a damaged file is reported as such, not as a decode error
            }
        }
        return records;
    }

    /** The bytes of a raw blob snapshot, decompressed and checked against its recorded size and checksum. */
    public byte[] readBlob(String snapshotId) {
        try (InputStream in = openBlob(snapshotId)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new LodeException(ErrorCode.CORRUPTION, "cannot read snapshot " + snapshotId + " of '" + id + "': " + e.getMessage(), e);
        }
    }

    /**
     * A raw blob snapshot as a stream, decompressed as it is read, for blobs of any size (constant
     * memory). Its recorded size and checksum are verified when the stream reaches its end: a
     * mismatch is thrown from that read. Close it.
     */
    public InputStream openBlob(String snapshotId) {
        requireRawMode("openBlob");
        Manifest m = snapshot(snapshotId).manifest();
        checkComponents(m);
        if (m.files().size() != 1) {
            throw new LodeException(ErrorCode.MANIFEST_INVALID, "a raw blob snapshot has exactly one file; snapshot " + snapshotId
                    + " of '" + id + "' has " + m.files().size());
        }
        return openVerified(m.files().getFirst(), m);
    }

    private VerifyingInputStream openStored(FileRef f, Manifest m) {
        return new VerifyingInputStream(store.openStream(f.path()), f.path(), f.sizeBytes(), m.checksumAlgorithm(), f.checksum());
    }

    private InputStream openVerified(FileRef f, Manifest m) {
        VerifyingInputStream stored = openStored(f, m);
        try {
            return stored.endingWithVerification(options.compressor().decompress(stored));
        } catch (IOException e) {
            closeQuietly(stored);
            throw new LodeException(ErrorCode.CORRUPTION, "cannot decompress " + f.path() + ": " + e.getMessage(), e);
        }
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    private void checkComponents(Manifest m) {
        String expectedCodec = options.codec() == null ? null : options.codec().name();
        if (!Objects.equals(m.codec(), expectedCodec)) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "codec mismatch: snapshot " + m.snapshotId() + " was written with codec "
                    + (m.codec() == null ? "none (raw blob)" : m.codec()) + ", this dataset is opened with "
                    + (expectedCodec == null ? "none (raw blob)" : expectedCodec) + "; open it with the writer's codec");
        }
        if (!m.compressor().equals(options.compressor().name())) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "compressor mismatch: snapshot " + m.snapshotId() + " was written with "
                    + m.compressor() + ", this dataset is opened with " + options.compressor().name() + "; open it with the writer's compressor");
        }
    }

    /**
     * A snapshot by id (1 request). {@code NOT_FOUND} when it does not exist, or when its commit
     * never landed and another writer closed it (docs/rfcs/0003-closing-ghost-commits.md): then
     * write again.
     */
    public DatasetSnapshot snapshot(String snapshotId) {
        PathSegment.check(snapshotId, "snapshot id");
        String key = layout.manifestPath(id, snapshotId, "");
        Optional<ObjectBytes> canonical = store.find(key);
        if (canonical.isPresent()) {
            DatasetSnapshot s = parse(canonical.get().bytes(), key, snapshotId);
            if (isClosing(s)) {
                throw history.neverCommitted(snapshotId);
            }
            return s;
        }
        // Hive data written before Lode 0.7.3 has no canonical copy: look for a partition copy.
        String found = null;
        try (Stream<ListedObject> listed = store.list(layout.listPrefix(id))) {
            for (ListedObject o : (Iterable<ListedObject>) listed::iterator) {
                if (snapshotId.equals(snapshotIdOf(o.key()))) {
                    found = o.key();
                    break;
                }
            }
        }
        if (found == null) {
            throw new LodeException(ErrorCode.NOT_FOUND, "dataset '" + id + "' has no snapshot " + snapshotId);
        }
        return load(found, snapshotId);
    }

    /**
     * Every snapshot, oldest first (by created_at), without those that only close a commit that
     * never landed. A cold-path call: it lists the dataset.
     */
    public List<DatasetSnapshot> snapshots() {
        Map<String, String> keyById = new LinkedHashMap<>();
        try (Stream<ListedObject> listed = store.list(layout.listPrefix(id))) {
            listed.forEach(o -> {
                String sid = snapshotIdOf(o.key());
                if (sid != null) {
                    keyById.merge(sid, o.key(), (a, b) -> layout.parse(a).partition().isEmpty() ? a : b);
                }
            });
        }
        List<DatasetSnapshot> all = new ArrayList<>();
        keyById.forEach((sid, key) -> all.add(load(key, sid)));
        all.removeIf(Dataset::isClosing);
        all.sort(Comparator.comparing((DatasetSnapshot s) -> s.manifest().createdAt())
                .thenComparing(DatasetSnapshot::id, SnapshotIds::compare));
        return all;
    }

    /**
     * The head snapshot (2 requests: pointer, manifest). When the pointer is missing or stale, the
     * newest manifest is found by listing and the pointer repaired. {@code NO_SNAPSHOTS} when the
     * dataset is empty.
     */
    public DatasetSnapshot latest() {
        return history.latest();
    }

    private static boolean isClosing(DatasetSnapshot s) {
        return SnapshotHistory.isClosing(s.manifest().metadata());
    }

    /** The snapshot id a listed key is a manifest of, for this dataset; null otherwise. */
    private String snapshotIdOf(String key) {
        Layout.ManifestPath p = layout.parse(key);
        return p != null && p.dataset().equals(id) ? p.snapshotId() : null;
    }

    private DatasetSnapshot load(String key, String snapshotId) {
        return parse(store.get(key).bytes(), key, snapshotId);
    }

    private DatasetSnapshot parse(byte[] manifest, String key, String snapshotId) {
        Manifest m = ManifestJson.read(manifest, key);
        if (!m.datasetId().equals(id) || !m.snapshotId().equals(snapshotId)) {
            throw ManifestFields.invalid(key, "dataset_id/snapshot_id", "the manifest names dataset '" + m.datasetId() + "' snapshot "
                    + m.snapshotId() + " but lies at the path of '" + id + "' snapshot " + snapshotId);
        }
        return new DatasetSnapshot(snapshotId, m);
    }

    @Override
    public String toString() {
        return "Dataset[" + id + ", " + layout + "]";
    }
}
