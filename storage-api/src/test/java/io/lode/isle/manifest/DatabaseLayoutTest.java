package io.lode.isle.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The keys of a database's objects are part of its format (docs/isle-format.md): these are the
 * exact keys every earlier version wrote, so a change to one shows here before it orphans data.
 */
class DatabaseLayoutTest {
    private final DatabaseLayout layout = new DatabaseLayout("tenants/a/db/");
    private static final String BLOB = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void everyObjectOfADatabaseHasTheKeyTheFormatNames() {
        assertEquals("tenants/a/db/sstable/", layout.sstFolder());
        assertEquals("tenants/a/db/sstable/0000000000000042-writer-7", layout.sstKey("0000000000000042-writer-7"));
        assertEquals("tenants/a/db/blobs/", layout.blobFolder());
        assertEquals("tenants/a/db/blobs/9f/" + BLOB + ".blob", layout.blobKey(BLOB));
        assertEquals("tenants/a/db/manifest/CURRENT", layout.current());
        assertEquals("tenants/a/db/manifest/", layout.manifestFolder());
        assertEquals("tenants/a/db/manifest/log/00000000000000000017.json", layout.logKey(17));
        assertEquals("tenants/a/db/manifest/snapshots/", layout.snapshotFolder());
        assertEquals("tenants/a/db/manifest/snapshots/s-1.manifest", layout.snapshotKey("s-1"));
        assertEquals("tenants/a/db/manifest/gc/checkpoint.json", layout.gcCheckpoint());
        assertEquals("tenants/a/db/manifest/gc/pending-sst/pending.json", layout.gcPendingSsts());
        assertEquals("tenants/a/db/manifest/gc/pending-blob/pending.json", layout.gcPendingBlobs());
    }

    @Test
    void logKeysSortInCommitOrderUpToTheLargestSequence() {
        assertEquals("tenants/a/db/manifest/log/09223372036854775807.json", layout.logKey(Long.MAX_VALUE));
        assertEquals(-1, Integer.signum(layout.logKey(9).compareTo(layout.logKey(10))));
    }

    @Test
    void aDatabaseAtTheStoreRootHasNoPrefix() {
        DatabaseLayout root = new DatabaseLayout("");
        assertEquals("sstable/t1", root.sstKey("t1"));
        assertEquals("manifest/CURRENT", root.current());
        assertEquals(DatabaseLayout.CURRENT, root.current());
        assertEquals("t1", root.sstIdOf("sstable/t1"));
    }

    @Test
    void listedKeysGiveBackTheIdTheyWereNamedBy() {
        assertEquals("0000000000000042-writer-7", layout.sstIdOf(layout.sstKey("0000000000000042-writer-7")));
        assertEquals(BLOB, DatabaseLayout.blobIdOf(layout.blobKey(BLOB)));
        assertEquals("s-1", layout.snapshotIdOf(layout.snapshotKey("s-1")));
    }

    @Test
    void keysOfOtherObjectsInAListedFolderAreNotTakenForBlobsOrSnapshots() {
        assertNull(DatabaseLayout.blobIdOf("tenants/a/db/blobs/9f/upload.tmp"));
        assertNull(layout.snapshotIdOf("tenants/a/db/manifest/snapshots/README"));
    }
}
