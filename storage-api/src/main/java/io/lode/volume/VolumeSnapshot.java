package io.lode.volume;

/**
 * A committed volume snapshot.
 *
 * @param id the snapshot id
 * @param manifest its manifest
 */
public record VolumeSnapshot(String id, VolumeManifest manifest) {}
