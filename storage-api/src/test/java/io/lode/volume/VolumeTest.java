package io.lode.volume;

import static io.lode.dataset.Backend.fails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.LodeConnection;
import io.lode.dataset.Backend;
import io.lode.dataset.Checksums;
import io.lode.dataset.Metadata;
import io.lode.spi.InstrumentedStore;
import io.lode.spi.PutMode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Volumes (docs/dataset-format.md): staging, commits, overlaps, cumulative manifests, reads, snapshots, resume, pointer. */
class VolumeTest {
    static byte[] fill(char c, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void stagingChecksBoundsAndUsesLodesBlockPath(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Volume v = c.volume("my-vol", 100);
            assertEquals("volumes/my-vol/data/5-20.bin", v.stageWriteAt(5, new byte[20]).path());
            assertEquals(new BlockRef(90, 10, "volumes/my-vol/data/90-10.bin", null), v.stageWriteAt(90, new byte[10]), "an exact fit");
            fails(ErrorCode.INVALID_ARGUMENT, () -> v.stageWriteAt(-1, new byte[1]));
            fails(ErrorCode.INVALID_ARGUMENT, () -> v.stageWriteAt(95, new byte[10]));
            fails(ErrorCode.INVALID_ARGUMENT, () -> v.stageWriteAt(0, new byte[0]));
            fails(ErrorCode.INVALID_ARGUMENT, () -> v.stageWriteAt(Long.MAX_VALUE, new byte[1]));
            fails(ErrorCode.INVALID_ARGUMENT, () -> v.stageWriteAt(0, new ByteArrayInputStream(new byte[0])));
            fails(ErrorCode.INVALID_ARGUMENT, () -> v.stageWriteAt(50, new ByteArrayInputStream(new byte[51])));
            assertEquals(3, v.stageWriteAt(0, new ByteArrayInputStream(new byte[3])).length());
            assertEquals("volumes/my-vol/data/5-20.bin", v.stageWriteAt(5, new byte[20]).path(),
                    "staging the same bytes again is a retry: it succeeds");
            byte[] other = new byte[20];
            other[7] = 1;
            fails(ErrorCode.PATH_EXISTS, () -> v.stageWriteAt(5, other), "other bytes at a staged range");
            fails(ErrorCode.INVALID_ARGUMENT, () -> c.volume("", 1));
            fails(ErrorCode.INVALID_ARGUMENT, () -> c.volume("v", 0));
            fails(ErrorCode.NO_SNAPSHOTS, v::latest);
            fails(ErrorCode.NOT_FOUND, () -> v.snapshot("nope"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void commitsAreCumulativeSortedAndLinked(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Volume v = c.volume("vol", 90);
            BlockRef a = v.stageWriteAt(0, fill('A', 30));
            BlockRef b = v.stageWriteAt(30, fill('B', 30));
            BlockRef cc = v.stageWriteAt(60, fill('C', 30));
            VolumeSnapshot s1 = v.commit(List.of(b), null);
            VolumeSnapshot s2 = v.commit(List.of(cc), Metadata.empty());
            VolumeSnapshot s3 = v.commit(List.of(a), Metadata.of("step", "last"));
            assertEquals(1, s1.manifest().blocks().size());
            assertEquals(List.of(b, cc), s2.manifest().blocks());
            assertEquals(List.of(a, b, cc), s3.manifest().blocks());
            assertNull(s1.manifest().parentSnapshotId());
            assertEquals(s1.id(), s2.manifest().parentSnapshotId());
            assertEquals(s2.id(), s3.manifest().parentSnapshotId());
            assertEquals(Metadata.empty(), v.snapshot(s1.id()).manifest().metadata());
            byte[] all = v.readAt(s3.id(), 0, 90);
            assertEquals("A".repeat(30) + "B".repeat(30) + "C".repeat(30), new String(all, StandardCharsets.US_ASCII));
            assertEquals(List.of(s1.id(), s2.id(), s3.id()), v.snapshots().stream().map(VolumeSnapshot::id).toList());
            assertEquals(s3.id(), v.latest().id());
            assertEquals(s3.id(), new String(c.store().get("volumes/vol/latest").bytes(), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void commitRejectsWhatIsNotAValidNewBlock(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Volume v = c.volume("vol", 100);
            BlockRef a = v.stageWriteAt(0, new byte[10]);
            fails(ErrorCode.INVALID_ARGUMENT, () -> v.commit(List.of(), null));
            fails(ErrorCode.INVALID_ARGUMENT, () -> v.commit(null, null));
            fails(ErrorCode.INVALID_ARGUMENT, () -> v.commit(List.of(new BlockRef(0, 10, "", null)), null));
            fails(ErrorCode.INVALID_ARGUMENT, () -> v.commit(List.of(new BlockRef(90, 20, "volumes/vol/data/90-20.bin", null)), null));
            fails(ErrorCode.INVALID_ARGUMENT, () -> v.commit(List.of(new BlockRef(-1, 10, "volumes/vol/data/-1-10.bin", null)), null));
            fails(ErrorCode.INVALID_ARGUMENT, () -> v.commit(List.of(new BlockRef(0, 0, "volumes/vol/data/0-0.bin", null)), null));
            fails(ErrorCode.INVALID_ARGUMENT, () -> v.commit(List.of(new BlockRef(0, 10, "volumes/other/data/0-10.bin", null)), null));
            fails(ErrorCode.INVALID_ARGUMENT, () -> v.commit(List.of(new BlockRef(Long.MAX_VALUE - 5, 10, "x", null)), null));
            v.commit(List.of(a), null);
            assertTrue(fails(ErrorCode.INVALID_ARGUMENT, () -> v.commit(List.of(a), null)).getMessage().contains("already committed"));
            BlockRef b = v.stageWriteAt(10, new byte[10]);
            fails(ErrorCode.OVERLAPPING_BLOCKS, () -> v.commit(List.of(a, b), null));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void overlapsAreRejectedAndAdjacentBlocksAccepted(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Volume v = c.volume("vol", 100);
            BlockRef a = v.stageWriteAt(0, new byte[10]);
            BlockRef over = v.stageWriteAt(5, new byte[10]);
            BlockRef inside = v.stageWriteAt(2, new byte[3]);
            BlockRef sameStart = v.stageWriteAt(0, new byte[4]);
            fails(ErrorCode.OVERLAPPING_BLOCKS, () -> v.commit(List.of(a, over), null));
            fails(ErrorCode.OVERLAPPING_BLOCKS, () -> v.commit(List.of(a, inside), null));
            fails(ErrorCode.OVERLAPPING_BLOCKS, () -> v.commit(List.of(a, sameStart), null));
            BlockRef adjacent = v.stageWriteAt(10, new byte[10]);
            v.commit(List.of(adjacent, a), null);
            fails(ErrorCode.OVERLAPPING_BLOCKS, () -> v.commit(List.of(over), null), "overlap with a committed block");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void readAtReturnsExactlyTheCommittedBytesOrRangeMissing(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Volume v = c.volume("vol", 100);
            VolumeSnapshot s = v.commit(List.of(v.stageWriteAt(0, fill('A', 10)), v.stageWriteAt(10, fill('B', 10)),
                    v.stageWriteAt(50, ascii("0123456789"))), null);
            assertEquals("AAAAABBBBB", new String(v.readAt(s.id(), 5, 10), StandardCharsets.US_ASCII));
            assertEquals("AAAAAAAAAA", new String(v.readAt(s.id(), 0, 10), StandardCharsets.US_ASCII));
            assertEquals("23456", new String(v.readAt(s.id(), 52, 5), StandardCharsets.US_ASCII));
            fails(ErrorCode.RANGE_MISSING, () -> v.readAt(s.id(), 10, 40));
            fails(ErrorCode.RANGE_MISSING, () -> v.readAt(s.id(), 15, 10));
            fails(ErrorCode.RANGE_MISSING, () -> v.readAt(s.id(), 45, 10));
            fails(ErrorCode.RANGE_MISSING, () -> v.readAt(s.id(), 0, 100));
            fails(ErrorCode.INVALID_ARGUMENT, () -> v.readAt(s.id(), -1, 1));
            fails(ErrorCode.INVALID_ARGUMENT, () -> v.readAt(s.id(), 0, 0));
            fails(ErrorCode.INVALID_ARGUMENT, () -> v.readAt(s.id(), Long.MAX_VALUE - 1, 10));
            fails(ErrorCode.INVALID_ARGUMENT, () -> v.readAt(s.id(), 95, 10));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aNewInstanceResumesFromLatest(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Volume first = c.volume("disk", 100);
            VolumeSnapshot s1 = first.commit(List.of(first.stageWriteAt(0, fill('x', 50))), null);
            Volume resumed = c.volume("disk", 100);
            VolumeSnapshot head = resumed.latest();
            assertEquals(s1.id(), head.id());
            long covered = head.manifest().blocks().getLast().end();
            VolumeSnapshot s2 = resumed.commit(List.of(resumed.stageWriteAt(covered, fill('y', (int) (100 - covered)))), null);
            assertEquals(2, s2.manifest().blocks().size());
            assertEquals(s1.id(), s2.manifest().parentSnapshotId());
            assertEquals(100, resumed.readAt(s2.id(), 0, 100).length);
            fails(ErrorCode.INVALID_ARGUMENT, () -> c.volume("disk", 99).latest(), "the length is checked against the manifest");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void checksumsArePresentOnlyWhenConfiguredAndVerifiedOnWholeBlockReads(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Volume plain = c.volume("plain", 10);
            VolumeSnapshot p = plain.commit(List.of(plain.stageWriteAt(0, new byte[10])), null);
            assertNull(p.manifest().checksumAlgorithm());
            assertNull(p.manifest().blocks().getFirst().checksum());
            Volume summed = c.volume("summed", 10, VolumeOptions.defaults().withChecksum(Checksums.md5()));
            VolumeSnapshot s = summed.commit(List.of(summed.stageWriteAt(0, ascii("0123456789"))), null);
            assertEquals("md5", s.manifest().checksumAlgorithm());
            assertEquals("781e5e245d69b566979b86e28d23f2c7", s.manifest().blocks().getFirst().checksum());
            c.store().put("volumes/summed/data/0-10.bin", ascii("0123456780"), PutMode.OVERWRITE);
            fails(ErrorCode.CHECKSUM_MISMATCH, () -> summed.readAt(s.id(), 0, 10));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void costsAreCounted(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            InstrumentedStore store = new InstrumentedStore(c.store());
            Volume v = Volume.open(store, "vol", 100, VolumeOptions.defaults());
            v.commit(List.of(v.stageWriteAt(0, new byte[10])), null);
            BlockRef b = v.stageWriteAt(10, new byte[10]);
            BlockRef d = v.stageWriteAt(20, new byte[10]);
            store.reset();
            long t0 = store.total();
            VolumeSnapshot s = v.commit(List.of(b, d), null);
            assertEquals(2, store.total() - t0, "pointer swap, manifest: the parent is the snapshot this instance committed");
            assertEquals(List.of(0L, 10L, 20L), s.manifest().blocks().stream().map(BlockRef::offset).toList(),
                    "and the new snapshot lists the parent's blocks too");
            long t1 = store.total();
            v.readAt(s.id(), 5, 20);
            assertEquals(1 + 3, store.total() - t1, "the manifest and the three covering blocks");
            long t2 = store.total();
            v.latest();
            assertEquals(2, store.total() - t2);
            assertEquals(0, store.count("list"));
            Volume cold = Volume.open(store, "vol", 100, VolumeOptions.defaults());
            long t3 = store.total();
            cold.commit(List.of(cold.stageWriteAt(30, new byte[10])), null);
            assertEquals(1 + 4, store.total() - t3, "the stage, then the pointer and the manifest it names, the swap and the manifest");
            assertEquals(0, store.count("list"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aFailedManifestPutCommitsNothing(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            io.lode.dataset.PathFaultStore store = new io.lode.dataset.PathFaultStore(c.store());
            Volume v = Volume.open(store, "vol", 10, VolumeOptions.defaults());
            BlockRef b = v.stageWriteAt(0, new byte[10]);
            store.failPuts("manifest.json");
            fails(ErrorCode.IO, () -> v.commit(List.of(b), null));
            fails(ErrorCode.NO_SNAPSHOTS, v::latest);
            store.failPuts(null);
            assertEquals(1, v.commit(List.of(b), null).manifest().blocks().size(), "the ghost pointer does not block a retry");
            store.failPuts("/data/");
            fails(ErrorCode.IO, () -> v.stageWriteAt(0, new byte[1]));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aWriterWhoseHeadMovedGetsAConflictAndItsRetryMergesWithTheWinner(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            Volume a = c.volume("shared", 100);
            Volume b = c.volume("shared", 100);
            VolumeSnapshot s1 = a.commit(List.of(a.stageWriteAt(0, fill('a', 10))), null);
            VolumeSnapshot s2 = b.commit(List.of(b.stageWriteAt(10, fill('b', 10))), null); // b reads the head a wrote
            BlockRef mine = a.stageWriteAt(20, fill('c', 10));
            fails(ErrorCode.SNAPSHOT_CONFLICT, () -> a.commit(List.of(mine), null), "a still believes s1 is the head");
            assertEquals(s2.id(), a.latest().id(), "the losing commit left nothing visible");
            VolumeSnapshot s3 = a.commit(List.of(mine), null);
            assertEquals(s2.id(), s3.manifest().parentSnapshotId());
            assertEquals(3, s3.manifest().blocks().size(), "the retry keeps the winner's block and adds its own");
            assertEquals("a".repeat(10) + "b".repeat(10) + "c".repeat(10), new String(a.readAt(s3.id(), 0, 30), StandardCharsets.US_ASCII));
            assertEquals(List.of(s1.id(), s2.id(), s3.id()), a.snapshots().stream().map(VolumeSnapshot::id).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void snapshotsAreSortedByCreatedAtWhateverTheirIds(Backend backend) {
        try (LodeConnection c = backend.connect()) {
            String[][] snaps = {{"snap-c", "2026-01-01T00:00:01Z"}, {"snap-a", "2026-01-01T00:00:02Z"}, {"snap-b", "2026-01-01T00:00:03Z"}};
            for (String[] s : snaps) {
                c.store().put("volumes/v/snapshots/" + s[0] + "/manifest.json", ascii("""
                        {"schema_name":"lode-volume-manifest","format_version":"1.0.0","volume_id":"v","snapshot_id":"%s",
                         "created_at":"%s","metadata":{},"total_length":10,
                         "blocks":[{"offset":5,"length":5,"path":"volumes/v/data/5-5.bin"},{"offset":0,"length":5,"path":"volumes/v/data/0-5.bin"}]}"""
                        .formatted(s[0], s[1])));
            }
            Volume v = c.volume("v", 10);
            assertEquals(List.of("snap-c", "snap-a", "snap-b"), v.snapshots().stream().map(VolumeSnapshot::id).toList());
            assertEquals(List.of(0L, 5L), v.snapshot("snap-a").manifest().blocks().stream().map(BlockRef::offset).toList(),
                    "unsorted blocks on disk are returned sorted");
        }
    }
}
