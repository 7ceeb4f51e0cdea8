package io.lode.dataset;

/**
 * A committed dataset snapshot.
 *
 * @param id the snapshot id
 * @param manifest its manifest
 */
public record DatasetSnapshot(String id, Manifest manifest) {}
