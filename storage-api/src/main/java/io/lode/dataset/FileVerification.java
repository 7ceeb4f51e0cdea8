package io.lode.dataset;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.dataset.internal.ChecksumVerification;

/** Checks stored bytes against what their manifest recorded: size, and checksum when there is one. */
final class FileVerification {
    private FileVerification() {}

    static void verify(FileRef f, Manifest m, byte[] stored) {
        if (stored.length != f.sizeBytes()) {
            throw new LodeException(ErrorCode.CORRUPTION, f.path() + " holds " + stored.length + " bytes but its manifest records "
                    + f.sizeBytes() + "; the file was changed or damaged after the commit");
        }
        ChecksumVerification.verify(m.checksumAlgorithm(), f.checksum(), stored, f.path());
    }
}
