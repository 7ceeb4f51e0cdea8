package io.lode.volume;

import io.lode.dataset.Checksum;
import java.util.Objects;

/**
 * How a volume stores blocks: start from {@link #defaults()} and change what you need with the
 * {@code with} methods, each of which returns a new value. A later version may add options, with
 * defaults, without breaking code written against this one. Volumes have no layout, codec or
 * compressor: raw bytes at fixed paths.
 */
public final class VolumeOptions {
    private static final VolumeOptions DEFAULTS = new VolumeOptions(null);

    private final Checksum checksum;

    private VolumeOptions(Checksum checksum) {
        this.checksum = checksum;
    }

    /** No checksum. */
    public static VolumeOptions defaults() {
        return DEFAULTS;
    }

    /** The checksum of each block's bytes, verified when it is read, or null (the default) for none. */
    public Checksum checksum() {
        return checksum;
    }

    /** See {@link #checksum()}; null for none. */
    public VolumeOptions withChecksum(Checksum checksum) {
        return new VolumeOptions(checksum);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VolumeOptions v && Objects.equals(checksum, v.checksum);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(checksum);
    }

    @Override
    public String toString() {
        return "VolumeOptions[checksum=" + checksum + "]";
    }
}
