package io.lode.dataset;

/**
 * Where a manifest is, as {@link DatasetReader} lists it.
 *
 * @param id the snapshot id
 * @param partition the partition copy ({@code k=v/...}), or {@code ""} for layouts without partitions
 */
public record ManifestRef(String id, String partition) {
    public ManifestRef {
        partition = partition == null ? "" : partition;
    }
}
