package io.lode.dataset;

import io.lode.dataset.internal.Md5Checksum;

/** The built-in checksums. */
public final class Checksums {
    private Checksums() {}

    /** MD5 ({@code md5}): 32 lowercase hex characters. */
    public static Checksum md5() {
        return Md5Checksum.INSTANCE;
    }
}
