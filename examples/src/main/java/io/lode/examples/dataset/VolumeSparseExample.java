package io.lode.examples.dataset;

import io.lode.ErrorCode;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.dataset.Checksums;
import io.lode.dataset.Metadata;
import io.lode.volume.BlockRef;
import io.lode.volume.Volume;
import io.lode.volume.VolumeOptions;
import io.lode.volume.VolumeSnapshot;
import java.util.Arrays;
import java.util.List;

/**
 * volume_sparse: a 1 MiB address space filled out of order over several commits; a read of a gap
 * fails with RANGE_MISSING (no zero fill); a new instance resumes from {@code latest()} and fills
 * what is missing.
 */
public final class VolumeSparseExample {
    static final int SIZE = 1 << 20;
    static final int BLOCK = 256 << 10;

    public static void main(String[] args) throws Exception {
        try (LodeConnection c = Lode.connect(ExampleDirectory.create(args, "volume-sparse"))) {
            Volume disk = c.volume("disk", SIZE, VolumeOptions.defaults().withChecksum(Checksums.md5()));
            VolumeSnapshot s1 = disk.commit(List.of(disk.stageWriteAt(0, block(1)), disk.stageWriteAt(2L * BLOCK, block(3))),
                    Metadata.of("step", "first"));
            try {
                disk.readAt(s1.id(), BLOCK, 16);
            } catch (LodeException e) {
                System.out.println("gap read: " + e.code() + " (" + (e.code() == ErrorCode.RANGE_MISSING) + ")");
            }

            // Resume in a fresh instance, as after a restart: find what is missing and fill it.
            Volume resumed = c.volume("disk", SIZE, VolumeOptions.defaults().withChecksum(Checksums.md5()));
            VolumeSnapshot head = resumed.latest();
            long at = 0;
            for (BlockRef b : head.manifest().blocks()) {
                while (at < b.offset()) {
                    resumed.commit(List.of(resumed.stageWriteAt(at, block((int) (at / BLOCK) + 1))), Metadata.of("step", "fill " + at));
                    at += BLOCK;
                }
                at = b.end();
            }
            while (at < SIZE) {
                resumed.commit(List.of(resumed.stageWriteAt(at, block((int) (at / BLOCK) + 1))), Metadata.of("step", "fill " + at));
                at += BLOCK;
            }
            VolumeSnapshot full = resumed.latest();
            byte[] all = resumed.readAt(full.id(), 0, SIZE);
            System.out.println(full.manifest().blocks().size() + " blocks cover all " + all.length + " bytes; byte at 3 blocks in = "
                    + all[3 * BLOCK] + "; " + resumed.snapshots().size() + " snapshots");
        }
    }

    static byte[] block(int fill) {
        byte[] b = new byte[BLOCK];
        Arrays.fill(b, (byte) fill);
        return b;
    }
}
