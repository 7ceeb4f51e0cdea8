package io.lode.volume;

import io.lode.dataset.Metadata;
import java.time.Instant;
import java.util.List;

/**
 * The description of one volume snapshot: every block committed so far (cumulative, sorted by
 * offset, never overlapping). Its presence is the commit. JSON field names are the snake_case of
 * these components; see {@code docs/dataset-format.md}.
 *
 * @param schemaName always {@value #SCHEMA_NAME}
 * @param formatVersion {@value #FORMAT_VERSION}
 * @param volumeId the volume
 * @param snapshotId the snapshot: Unix-epoch nanoseconds in decimal
 * @param createdAt when it was committed
 * @param metadata the caller's metadata
 * @param totalLength the volume's fixed length
 * @param blocks every committed block, sorted by offset
 * @param parentSnapshotId the previous head, or null for the first snapshot
 * @param checksumAlgorithm {@code md5}, or null when blocks carry no checksum
 */
public record VolumeManifest(String schemaName, String formatVersion, String volumeId, String snapshotId, Instant createdAt,
                             Metadata metadata, long totalLength, List<BlockRef> blocks, String parentSnapshotId,
                             String checksumAlgorithm) {
    /** The {@code schema_name} of volume manifests. */
    public static final String SCHEMA_NAME = "lode-volume-manifest";
    /** The {@code format_version} this library writes. */
    public static final String FORMAT_VERSION = "1.0.0";

    public VolumeManifest {
        blocks = List.copyOf(blocks);
    }
}
