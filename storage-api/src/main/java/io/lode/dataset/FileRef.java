package io.lode.dataset;

/**
 * One data file of a snapshot.
 *
 * @param path the full store key of the file (not relative to the dataset)
 * @param sizeBytes the stored (compressed) size
 * @param checksum the lowercase hex checksum of the stored bytes, or null when the dataset records none
 * @param stats what the codec reported about the file, or null
 */
public record FileRef(String path, long sizeBytes, String checksum, FileStats stats) {}
