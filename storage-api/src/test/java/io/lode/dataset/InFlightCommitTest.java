package io.lode.dataset;

import static io.lode.LodeAssertions.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.spi.ForwardingObjectStore;
import io.lode.spi.LossyStore;
import io.lode.spi.ObjectStore;
import io.lode.volume.BlockRef;
import io.lode.volume.Volume;
import io.lode.volume.VolumeOptions;
import io.lode.volume.VolumeSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A commit between its two steps (the pointer moved, the manifest not yet written) and a second
 * writer that meets the pointer then: the history never forks. The second writer waits briefly for
 * the manifest; if it lands, it builds on it; if not, it closes that commit with a snapshot that
 * changes nothing, and the first writer, when its manifest finally arrives, finds its place taken
 * and reports SNAPSHOT_CONFLICT, having committed nothing. Nothing acknowledged is lost.
 */
class InFlightCommitTest {
    private LodeConnection connection;
    private HoldingStore holding;

    /** Holds the first put of a key it is told to hold until released: a writer paused between its two steps. */
    static final class HoldingStore extends ForwardingObjectStore {
        private volatile Predicate<String> hold = k -> false;
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        HoldingStore(ObjectStore store) {
            super(store);
        }

        void holdNextPut(Predicate<String> keys) {
            hold = keys;
        }

        @Override
        protected <T> T forward(Operation operation, String keyOrPrefix, Supplier<T> call) {
            if (operation == Operation.PUT && hold.test(keyOrPrefix)) {
                hold = k -> false;
                held.countDown();
                try {
                    assertTrue(release.await(30, TimeUnit.SECONDS), "released");
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            return call.get();
        }
    }

    @BeforeEach
    void open() {
        connection = Lode.connect("lode:mem:in-flight-" + UUID.randomUUID());
        holding = new HoldingStore(connection.store());
    }

    @AfterEach
    void close() {
        holding.release.countDown();
        connection.close();
    }

    private static Predicate<String> manifests() {
        return k -> k.endsWith("manifest.json");
    }

    private static byte[] block(int fill) {
        byte[] b = new byte[512];
        java.util.Arrays.fill(b, (byte) fill);
        return b;
    }

    private static Dataset events(ObjectStore store) {
        return Dataset.open(store, "events", DatasetOptions.defaults().withCodec(Codecs.jsonl()));
    }

    /** A write of {@code row} that has moved the pointer and waits to write its manifest until released. */
    private CompletableFuture<DatasetSnapshot> writePausedBeforeItsManifest(Map<String, ?> row) throws InterruptedException {
        Dataset a = events(holding);
        holding.holdNextPut(manifests());
        CompletableFuture<DatasetSnapshot> paused = CompletableFuture.supplyAsync(() -> a.write(List.of(row), Metadata.empty()));
        assertTrue(holding.held.await(30, TimeUnit.SECONDS), "the write moved the pointer and is about to write its manifest");
        return paused;
    }

    private String pointer(String key) {
        return new String(connection.store().get(key).bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aCommitWhoseManifestNeverArrivesIsClosedAndItsWriterGetsAConflictNotAFork() throws Exception {
        Volume a = Volume.open(holding, "disk", 4096, VolumeOptions.defaults());
        Volume b = Volume.open(connection.store(), "disk", 4096, VolumeOptions.defaults());
        VolumeSnapshot first = a.commit(List.of(a.stageWriteAt(0, block(1))), Metadata.empty());
        BlockRef aBlock = a.stageWriteAt(1024, block(2));
        holding.holdNextPut(manifests());
        CompletableFuture<VolumeSnapshot> paused = CompletableFuture.supplyAsync(() -> a.commit(List.of(aBlock), Metadata.empty()));
        assertTrue(holding.held.await(30, TimeUnit.SECONDS), "the first writer moved the pointer and is about to write its manifest");
        String ghost = pointer("volumes/disk/latest");

        VolumeSnapshot second = b.commit(List.of(b.stageWriteAt(2048, block(3))), Metadata.empty());
        assertEquals(ghost, second.manifest().parentSnapshotId(), "the second writer built on the closed commit, not beside it");
        holding.release.countDown();
        LodeException conflict = (LodeException) assertThrowsCause(paused);
        assertEquals(ErrorCode.SNAPSHOT_CONFLICT, conflict.code(), conflict::toString);

        assertEquals(List.of(first.id(), second.id()), b.snapshots().stream().map(VolumeSnapshot::id).toList(),
                "the closing snapshot is not a commit");
        // The writer told to look for its snapshot finds it was never committed.
        assertFails(ErrorCode.NOT_FOUND, () -> b.snapshot(ghost));
        assertEquals(List.of(0L, 2048L), b.latest().manifest().blocks().stream().map(BlockRef::offset).toList());

        VolumeSnapshot retried = a.commit(List.of(aBlock), Metadata.empty());
        assertEquals(List.of(0L, 1024L, 2048L), retried.manifest().blocks().stream().map(BlockRef::offset).toList(),
                "the retry lands on top: nothing acknowledged is lost");
        assertEquals(second.id(), retried.manifest().parentSnapshotId());
    }

    @Test
    void aClosingManifestWhoseResponseIsLostIsRecognisedAsItsOwn() throws Exception {
        Volume a = Volume.open(holding, "disk", 4096, VolumeOptions.defaults());
        a.commit(List.of(a.stageWriteAt(0, block(1))), Metadata.empty());
        BlockRef aBlock = a.stageWriteAt(1024, block(2));
        holding.holdNextPut(manifests());
        CompletableFuture<VolumeSnapshot> paused = CompletableFuture.supplyAsync(() -> a.commit(List.of(aBlock), Metadata.empty()));
        assertTrue(holding.held.await(30, TimeUnit.SECONDS));
        String ghost = pointer("volumes/disk/latest");

        // The closing manifest's create is executed, its response lost, and the client retries it.
        LossyStore lossy = new LossyStore(connection.store())
                .executeThenReport(ForwardingObjectStore.Operation.PUT, k -> k.endsWith(ghost + "/manifest.json"), 1, ErrorCode.IO);
        Volume b = Volume.open(lossy, "disk", 4096, VolumeOptions.defaults());
        VolumeSnapshot second = b.commit(List.of(b.stageWriteAt(2048, block(3))), Metadata.empty());
        assertEquals(1, lossy.lost(), "the response was lost once");
        assertEquals(ghost, second.manifest().parentSnapshotId(), "the retry met its own closing manifest: success");
        holding.release.countDown();
        assertEquals(ErrorCode.SNAPSHOT_CONFLICT, ((LodeException) assertThrowsCause(paused)).code());
        assertEquals(List.of(0L, 2048L), b.latest().manifest().blocks().stream().map(BlockRef::offset).toList());
    }

    @Test
    void aCommitWhoseManifestLandsWhileTheOtherWriterWaitsIsItsHead() throws Exception {
        DatasetSnapshot first = events(holding).write(List.of(Map.of("n", 1L)), Metadata.empty());
        CompletableFuture<DatasetSnapshot> paused = writePausedBeforeItsManifest(Map.of("n", 2L));
        String ghost = pointer("datasets/events/latest");

        // The second writer lists the dataset to find the head under the ghost; at that moment the first one's manifest lands.
        ObjectStore landsDuringTheWait = new ForwardingObjectStore(connection.store()) {
            @Override
            protected <T> T forward(Operation operation, String keyOrPrefix, Supplier<T> call) {
                T result = call.get();
                if (operation == Operation.LIST && holding.release.getCount() > 0) {
                    holding.release.countDown();
                    paused.join();
                }
                return result;
            }
        };
        Dataset b = events(landsDuringTheWait);
        DatasetSnapshot second = b.write(List.of(Map.of("n", 3L)), Metadata.empty());

        assertEquals(ghost, paused.get().id(), "the first write was acknowledged");
        assertEquals(ghost, second.manifest().parentSnapshotId(), "the second write built on it");
        assertEquals(List.of(first.id(), ghost, second.id()), b.snapshots().stream().map(DatasetSnapshot::id).toList());
        assertEquals(List.of(Map.of("n", 2L)), b.read(ghost));
    }

    @Test
    void aReaderNeverMovesThePointerBackUnderACommitInFlight() throws Exception {
        DatasetSnapshot first = events(holding).write(List.of(Map.of("n", 1L)), Metadata.empty());
        CompletableFuture<DatasetSnapshot> paused = writePausedBeforeItsManifest(Map.of("n", 2L));
        String ghost = pointer("datasets/events/latest");

        Dataset reader = events(connection.store());
        assertEquals(first.id(), reader.latest().id(), "the newest committed snapshot");
        assertEquals(ghost, pointer("datasets/events/latest"), "the pointer still names the commit in flight");
        holding.release.countDown();
        assertEquals(ghost, paused.get().id());
        assertEquals(ghost, reader.latest().id());
    }

    @Test
    void theMarkOfAClosingSnapshotIsReserved() {
        Volume v = Volume.open(connection.store(), "disk", 4096, VolumeOptions.defaults());
        BlockRef staged = v.stageWriteAt(0, block(1));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> v.commit(List.of(staged), Metadata.of("lode_closed_commit", "x")));
        Dataset ds = events(connection.store());
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> ds.write(List.of(Map.of("n", 1L)), Metadata.of("lode_closed_commit", "x")));
        try (var listed = connection.store().list("datasets/events/")) {
            assertNull(listed.findFirst().orElse(null), "the refused write left no data file");
        }
    }

    private static Throwable assertThrowsCause(CompletableFuture<?> f) {
        try {
            f.join();
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }
}
