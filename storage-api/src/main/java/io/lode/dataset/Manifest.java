package io.lode.dataset;

import java.time.Instant;
import java.util.List;

/**
 * The description of one dataset snapshot, stored as JSON next to its data: the commit record. Its
 * presence is what makes a snapshot exist. Field names in JSON are the snake_case of these
 * components; see {@code docs/dataset-format.md}.
 *
 * @param schemaName always {@value #SCHEMA_NAME}
 * @param formatVersion always {@value #FORMAT_VERSION} for what this library writes
 * @param datasetId the dataset
 * @param snapshotId the snapshot: Unix-epoch nanoseconds in decimal
 * @param createdAt when the snapshot was written
 * @param metadata the caller's metadata
 * @param files the data files, sorted by path
 * @param parentSnapshotId the previous head, or null for the first snapshot
 * @param rowCount records written (1 for a raw blob)
 * @param minTimestamp the earliest {@link Timestamped} record, or null
 * @param maxTimestamp the latest {@link Timestamped} record, or null
 * @param codec the codec name, or null for raw blobs
 * @param compressor the compressor name ({@code noop}, {@code gzip}, {@code zstd})
 * @param partitioner {@code noop} or {@code hive}
 * @param checksumAlgorithm {@code md5}, or null when no checksums are recorded
 */
public record Manifest(String schemaName, String formatVersion, String datasetId, String snapshotId,
                       Instant createdAt, Metadata metadata, List<FileRef> files, String parentSnapshotId,
                       long rowCount, Instant minTimestamp, Instant maxTimestamp, String codec,
                       String compressor, String partitioner, String checksumAlgorithm) {
    /** The {@code schema_name} of dataset manifests. */
    public static final String SCHEMA_NAME = "lode-manifest";
    /** The {@code format_version} this library writes. */
    public static final String FORMAT_VERSION = "1.0.0";

    public Manifest {
        files = files == null ? null : List.copyOf(files);
    }
}
