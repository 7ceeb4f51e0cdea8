package io.lode.volume;

import io.lode.dataset.Checksum;

/**
 * How a volume stores blocks. Volumes have no layout, codec or compressor: raw bytes at fixed paths.
 *
 * @param checksum the checksum of each block's bytes, or null for none
 */
public record VolumeOptions(Checksum checksum) {
    /** No checksum. */
    public static VolumeOptions defaults() {
        return new VolumeOptions(null);
    }

    /** Blocks carry a {@code checksum}, verified when they are read. */
    public static VolumeOptions withChecksum(Checksum checksum) {
        return new VolumeOptions(checksum);
    }
}
