package io.lode.dataset;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.dataset.internal.Md5Checksum;

/** Checks stored bytes against what their manifest recorded: size, and checksum when there is one. */
final class FileVerification {
    private FileVerification() {}

    static void verify(FileRef f, Manifest m, byte[] stored) {
        if (stored.length != f.sizeBytes()) {
            throw new LodeException(ErrorCode.CORRUPTION, f.path() + " holds " + stored.length + " bytes but its manifest records "
                    + f.sizeBytes() + "; the file was changed or damaged after the commit");
        }
        if (f.checksum() == null || m.checksumAlgorithm() == null) {
            return;
        }
        Checksum algorithm = m.checksumAlgorithm().equals(Md5Checksum.INSTANCE.name()) ? Md5Checksum.INSTANCE : null;
        if (algorithm == null) {
            return; // an algorithm this build does not know cannot be verified; the bytes are still returned
        }
        Checksum.Hasher h = algorithm.newHasher();
        h.update(stored, 0, stored.length);
        String actual = h.sum();
        if (!actual.equalsIgnoreCase(f.checksum())) {
            throw new LodeException(ErrorCode.CHECKSUM_MISMATCH, f.path() + " has " + algorithm.name() + " " + actual
                    + " but its manifest records " + f.checksum() + "; the file was changed or damaged after the commit");
        }
    }
}
