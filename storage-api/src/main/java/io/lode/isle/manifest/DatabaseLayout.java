package io.lode.isle.manifest;

/**
 * The name of every object of one Isle database in its object store (docs/isle-format.md): the one
 * place those keys are spelled, as LevelDB's {@code filename.cc} is for its files. Below the
 * database's prefix:
 *
 * <pre>
 * sstable/&lt;id&gt;                                 a table; ids are never reused
 * blobs/&lt;2 hex&gt;/&lt;sha256 hex&gt;.blob                a large value, named by its content
 * manifest/CURRENT                              the hint to the latest snapshot and log position
 * manifest/log/&lt;20-digit seq&gt;.json               a log entry (zero-padded: keys list in commit order)
 * manifest/snapshots/&lt;id&gt;.manifest              a snapshot of the state
 * manifest/gc/checkpoint.json                   the garbage collector's progress through the log
 * manifest/gc/pending-sst/pending.json          tables marked for deletion
 * manifest/gc/pending-blob/pending.json         blobs marked for deletion
 * </pre>
 *
 * The {@code manifest/} objects other than the collector's are written only through
 * {@link ObjectStoreManifestStorage}, the default {@link io.lode.isle.ManifestStorage}. These keys
 * are part of the format: changing one orphans every database written before.
 */
public final class DatabaseLayout {
    private static final String SSTABLES = "sstable/";
    private static final String BLOBS = "blobs/";
    private static final String BLOB_SUFFIX = ".blob";
    private static final String MANIFEST = "manifest/";
    /**
     * CURRENT's name under the database's prefix; also what a decoding error calls it, whichever
     * {@code ManifestStorage} holds it.
     */
    public static final String CURRENT = MANIFEST + "CURRENT";
    private static final String LOG = MANIFEST + "log/";
    private static final String LOG_SUFFIX = ".json";
    private static final String SNAPSHOTS = MANIFEST + "snapshots/";
    private static final String SNAPSHOT_SUFFIX = ".manifest";
    private static final String GC = MANIFEST + "gc/";

    private final String prefix;

    /**
     * @param databasePrefix the database's key prefix, ending in '/' (or "" for the store's root)
     */
    public DatabaseLayout(String databasePrefix) {
        this.prefix = databasePrefix;
    }

    /** The database's key prefix ("" or ending in '/'). */
    public String prefix() {
        return prefix;
    }

    // ---------------------------------------------------------------------------------- tables

    /** The folder every table is under, for listing. */
    public String sstFolder() {
        return prefix + SSTABLES;
    }

    /** The key of table {@code id} ({@link SstMeta#id()}). */
    public String sstKey(String id) {
        return prefix + SSTABLES + id;
    }

    /** The table id of a key listed under {@link #sstFolder()}. */
    public String sstIdOf(String key) {
        return key.substring(prefix.length() + SSTABLES.length());
    }

    // ----------------------------------------------------------------------------------- blobs

    /** The folder every blob is under, for listing. */
    public String blobFolder() {
        return prefix + BLOBS;
    }

    /** The key of the blob with hex id {@code hexId} (the SHA-256 of its bytes). */
    public String blobKey(String hexId) {
        return prefix + BLOBS + hexId.substring(0, 2) + "/" + hexId + BLOB_SUFFIX;
    }

    /** The hex id of a key listed under {@link #blobFolder()}, or null if the key is not a blob's. */
    public static String blobIdOf(String key) {
        if (!key.endsWith(BLOB_SUFFIX)) {
            return null;
        }
        return key.substring(key.lastIndexOf('/') + 1, key.length() - BLOB_SUFFIX.length());
    }

    // -------------------------------------------------------------------------------- manifest

    /** The key of CURRENT. */
    public String current() {
        return prefix + CURRENT;
    }

    /** The folder of the manifest objects, for messages. */
    public String manifestFolder() {
        return prefix + MANIFEST;
    }

    /** The key of log entry {@code seq}: zero-padded so that keys list in commit order. */
    public String logKey(long seq) {
        return prefix + LOG + String.format("%020d", seq) + LOG_SUFFIX;
    }

    /** The folder every snapshot is under, for listing. */
    public String snapshotFolder() {
        return prefix + SNAPSHOTS;
    }

    /** The key of snapshot {@code id}. */
    public String snapshotKey(String id) {
        return prefix + SNAPSHOTS + id + SNAPSHOT_SUFFIX;
    }

    /** The snapshot id of a key listed under {@link #snapshotFolder()}, or null if the key is not a snapshot's. */
    public String snapshotIdOf(String key) {
        if (!key.endsWith(SNAPSHOT_SUFFIX)) {
            return null;
        }
        return key.substring(prefix.length() + SNAPSHOTS.length(), key.length() - SNAPSHOT_SUFFIX.length());
    }

    // ------------------------------------------------------------------------ garbage collector

    /** The key of the garbage collector's checkpoint: how far it has walked the log. */
    public String gcCheckpoint() {
        return prefix + GC + "checkpoint.json";
    }

    /** The key of the tables the garbage collector marked for deletion. */
    public String gcPendingSsts() {
        return prefix + GC + "pending-sst/pending.json";
    }

    /** The key of the blobs the garbage collector marked for deletion. */
    public String gcPendingBlobs() {
        return prefix + GC + "pending-blob/pending.json";
    }

    @Override
    public String toString() {
        return "the layout of the database under '" + prefix + "'";
    }
}
