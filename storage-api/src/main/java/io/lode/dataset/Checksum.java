package io.lode.dataset;

/**
 * A checksum of stored bytes, recorded per file (and per volume block) when configured. Built in:
 * {@link Checksums#md5()}.
 */
public interface Checksum {
    /** The name recorded as {@code checksum_algorithm}, e.g. {@code md5}. */
    String name();

    /** A fresh hasher. */
    Hasher newHasher();

    /** Accumulates bytes and gives their checksum. */
    interface Hasher {
        void update(byte[] bytes, int offset, int length);

        /** The checksum as lowercase hex. */
        String sum();
    }
}
