package io.lode.dataset;

import static io.lode.dataset.Backend.fails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.spi.ForwardingObjectStore.Operation;
import io.lode.spi.LossyStore;
import io.lode.spi.LossyStore.Loss;
import io.lode.volume.BlockRef;
import io.lode.volume.Volume;
import io.lode.volume.VolumeOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Commits whose requests or responses are lost. The store may have done what it was asked without
 * saying so; the dataset and the volume find out, so that one write is one snapshot: never a
 * failure for a commit that landed, never a second snapshot for one write, never a manifest whose
 * data was deleted.
 */
class AmbiguousCommitTest {
    private static final Predicate<String> POINTER = k -> k.endsWith("/latest");
    private static final Predicate<String> MANIFEST = k -> k.endsWith("/manifest.json");
    private static final Predicate<String> DATA = k -> k.contains("/data/");

    private LodeConnection connection;
    private LossyStore store;

    @BeforeEach
    void open() {
        connection = Backend.MEM.connect();
        store = new LossyStore(connection.store());
    }

    @AfterEach
    void close() {
        connection.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Dataset dataset() {
        return Dataset.open(store, "events", DatasetOptions.defaults());
    }

    @Test
    void aPointerMoveWhoseResponseWasLostIsRecognisedAsThisWritersOwn() {
        Dataset ds = dataset();
        ds.write(utf8("first"), Metadata.empty());
        store.lose(Operation.PUT, POINTER, 1, Loss.RESPONSE);
        DatasetSnapshot second = ds.write(utf8("second"), Metadata.empty());
        assertEquals(second.id(), dataset().latest().id());
        assertEquals(2, dataset().snapshots().size());
        assertEquals(1, store.lost());
    }

    @Test
    void aPointerMoveThatTheClientRetriedIntoItsOwnWriteIsNotAConflict() {
        Dataset ds = dataset();
        ds.write(utf8("first"), Metadata.empty());
        // The swap landed, its answer was lost, and the client's retry failed its precondition
        // against the version the first attempt wrote.
        store.executeThenReport(Operation.PUT, POINTER, 1, ErrorCode.PRECONDITION_FAILED);
        DatasetSnapshot second = ds.write(utf8("second"), Metadata.empty());
        assertEquals(second.id(), dataset().latest().id());
        assertArrayEquals(utf8("second"), dataset().readBlob(second.id()));
        assertEquals(2, dataset().snapshots().size());
    }

    @Test
    void aFirstPointerCreateWhoseResponseWasLostIsNotAConflictEither() {
        store.executeThenReport(Operation.PUT, POINTER, 1, ErrorCode.PATH_EXISTS);
        DatasetSnapshot first = dataset().write(utf8("first"), Metadata.empty());
        assertEquals(first.id(), dataset().latest().id());
    }

    @Test
    void aManifestWhoseResponseWasLostIsCommittedOnceAndItsDataKept() {
        Dataset ds = dataset();
        store.lose(Operation.PUT, MANIFEST, 2, Loss.RESPONSE);
        DatasetSnapshot s = ds.write(utf8("payload"), Metadata.empty());
        List<DatasetSnapshot> all = dataset().snapshots();
        assertEquals(List.of(s.id()), all.stream().map(DatasetSnapshot::id).toList(), "one write, one snapshot");
        assertArrayEquals(utf8("payload"), dataset().readBlob(s.id()), "the data the manifest names is there");
    }

    @Test
    void aManifestThatCannotBeConfirmedIsIndeterminateNamesTheSnapshotAndKeepsTheData() {
        Dataset ds = dataset();
        store.lose(Operation.PUT, MANIFEST, io.lode.internal.Retries.ATTEMPTS, Loss.REQUEST);
        LodeException e = fails(ErrorCode.COMMIT_INDETERMINATE, () -> ds.write(utf8("payload"), Metadata.empty()));
        assertTrue(e.retryable());
        String snapshotId = e.getMessage().replaceAll("(?s).*commit of snapshot (\\d+) .*", "$1");
        assertTrue(e.getMessage().contains("Look for snapshot " + snapshotId), e.getMessage());
        assertTrue(connection.store().list("datasets/events/snapshots/" + snapshotId + "/data/").findAny().isPresent(),
                "the data files stay: the manifest may still land and name them");
        fails(ErrorCode.NO_SNAPSHOTS, () -> dataset().latest(), "it did not land here");

        DatasetSnapshot next = ds.write(utf8("again"), Metadata.empty());
        assertEquals(next.id(), dataset().latest().id(), "the writer goes on");
    }

    @Test
    void aFailureBeforeTheManifestCommitsNothingAndDeletesTheData() {
        Dataset ds = dataset();
        store.lose(Operation.PUT, POINTER, 100, Loss.REQUEST);
        LodeException e = fails(ErrorCode.IO, () -> ds.write(utf8("payload"), Metadata.empty()));
        assertTrue(e.retryable());
        assertEquals(List.of(), connection.store().list("datasets/events/").toList(), "no data, no pointer, no manifest");
    }

    @Test
    void aDataFileWhoseResponseWasLostIsRetriedIntoItself() {
        store.lose(Operation.PUT, DATA, 1, Loss.RESPONSE);
        Dataset ds = dataset();
        LodeException e = fails(ErrorCode.IO, () -> ds.write(utf8("payload"), Metadata.empty()));
        assertTrue(e.retryable(), "the caller is told to retry");
        DatasetSnapshot s = ds.write(utf8("payload"), Metadata.empty());
        assertEquals(List.of(s.id()), dataset().snapshots().stream().map(DatasetSnapshot::id).toList());
    }

    @Test
    void aStagedVolumeBlockWhoseResponseWasLostCanBeStagedAgainButNotWithOtherBytes() {
        Volume volume = Volume.open(store, "disk", 1 << 20, VolumeOptions.defaults());
        store.lose(Operation.PUT, DATA, 1, Loss.RESPONSE);
        byte[] bytes = utf8("block at zero");
        fails(ErrorCode.IO, () -> volume.stageWriteAt(0, bytes));
        BlockRef staged = volume.stageWriteAt(0, bytes);
        fails(ErrorCode.PATH_EXISTS, () -> volume.stageWriteAt(0, utf8("other bytes!!")));
        store.lose(Operation.PUT, MANIFEST, 1, Loss.RESPONSE);
        store.executeThenReport(Operation.PUT, POINTER, 1, ErrorCode.PRECONDITION_FAILED);
        var snapshot = volume.commit(List.of(staged), Metadata.empty());
        assertEquals(1, volume.snapshots().size());
        assertArrayEquals(bytes, volume.readAt(snapshot.id(), 0, bytes.length));
    }
}
