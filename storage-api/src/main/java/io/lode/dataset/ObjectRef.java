package io.lode.dataset;

/**
 * A data file to open with {@link DatasetReader#openObject} or read in ranges.
 *
 * @param dataset the dataset
 * @param manifest the manifest that lists it
 * @param path the file's full store key, as in {@link FileRef#path()}
 */
public record ObjectRef(String dataset, ManifestRef manifest, String path) {}
