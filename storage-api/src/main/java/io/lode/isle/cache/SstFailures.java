package io.lode.isle.cache;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.sst.format.SstCorruptionException;

/**
 * Turns the SST reader's own exception into the one Lode throws: sst-format knows nothing of
 * {@link ErrorCode}, and callers of Isle see only {@link LodeException}.
 */
public final class SstFailures {
    private SstFailures() {}

    /**
     * {@code CHECKSUM_MISMATCH} for a block whose checksum does not match, {@code CORRUPTION} for an
     * impossible structure, {@code UNSUPPORTED} for a feature we do not read; the message names the SST and the offset, the cause is kept.
     */
    public static LodeException toLode(SstCorruptionException e) {
        ErrorCode code = switch (e.kind()) {
            case CHECKSUM_MISMATCH -> ErrorCode.CHECKSUM_MISMATCH;
            case CORRUPTION -> ErrorCode.CORRUPTION;
            case UNSUPPORTED -> ErrorCode.UNSUPPORTED;
        };
        // The reader's message already reads "<what> in <source> at offset <n>: <detail>".
        return new LodeException(code, e.getMessage(), e);
    }
}
