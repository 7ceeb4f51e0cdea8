package io.lode.isle.cache;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.sst.SstCorruptionException;

/** Turns the SST format's own corruption errors into the {@link LodeException}s users see. */
public final class SstFailures {
    private SstFailures() {}

    public static LodeException toLode(SstCorruptionException e) {
        ErrorCode code = e.kind() == SstCorruptionException.Kind.CHECKSUM_MISMATCH ? ErrorCode.CHECKSUM_MISMATCH : ErrorCode.CORRUPTION;
        return new LodeException(code, e.getMessage(), e);
    }
}
