package io.lode.snapshot;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.dataset.Checksum;
import io.lode.dataset.Checksums;

/** Verifies stored bytes against the checksum a dataset or volume manifest recorded for them. */
public final class ChecksumVerification {
    private static final Checksum MD5 = Checksums.md5();

    private ChecksumVerification() {}

    /**
     * Fails with {@code CHECKSUM_MISMATCH} unless {@code bytes} have checksum {@code expected}. Does
     * nothing when nothing was recorded, or for an algorithm this build does not know (the bytes are
     * then returned unverified, as Lode always does).
     */
    public static void verify(String algorithm, String expected, byte[] bytes, String path) {
        if (expected == null || !MD5.name().equals(algorithm)) {
            return;
        }
        Checksum.Hasher h = MD5.newHasher();
        h.update(bytes, 0, bytes.length);
        compare(algorithm, h.sum(), expected, path);
    }

    /** Fails with {@code CHECKSUM_MISMATCH} unless the {@code actual} checksum is the {@code expected} one. */
    public static void compare(String algorithm, String actual, String expected, String path) {
        if (!actual.equalsIgnoreCase(expected)) {
            throw new LodeException(ErrorCode.CHECKSUM_MISMATCH, path + " has " + algorithm + " " + actual + " but its manifest records "
                    + expected + "; the object was changed or damaged after the commit");
        }
    }
}
