package io.lode.examples.dataset;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.dataset.Checksums;
import io.lode.dataset.Compressors;
import io.lode.dataset.Dataset;
import io.lode.dataset.DatasetOptions;
import io.lode.dataset.DatasetSnapshot;
import io.lode.dataset.Metadata;
import io.lode.dataset.StreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * blob_upload: raw blob mode (no codec). A small blob in one call, then a large one streamed in
 * chunks in constant memory with {@code streamWrite}: nothing is visible until {@code commit()}.
 */
public final class BlobUploadExample {
    public static void main(String[] args) throws Exception {
        try (LodeConnection c = Lode.connect(ExampleDirectory.create(args, "blob-upload"))) {
            Dataset backups = c.dataset("backups", DatasetOptions.defaults().withCompressor(Compressors.zstd()).withChecksum(Checksums.md5()));
            DatasetSnapshot small = backups.write("config v1".getBytes(StandardCharsets.UTF_8), Metadata.of("file", "app.conf"));
            System.out.println("small blob " + small.id() + ": " + new String(backups.readBlob(small.id()), StandardCharsets.UTF_8));

            byte[] chunk = new byte[1 << 20];
            DatasetSnapshot big;
            try (StreamWriter w = backups.streamWrite(Metadata.of("file", "disk.img"))) {
                for (int i = 0; i < 64; i++) {
                    chunk[0] = (byte) i;
                    w.write(chunk);
                }
                big = w.commit(); // without commit, close() aborts and deletes the partial object
            }
            System.out.println("streamed 64 MiB as " + big.manifest().files().getFirst().path() + ", stored "
                    + big.manifest().files().getFirst().sizeBytes() + " bytes (zstd), md5 " + big.manifest().files().getFirst().checksum());
        }
    }
}
