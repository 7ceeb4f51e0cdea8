package io.lode.isle.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.sst.format.SstCorruptionException.Kind;
import io.lode.sst.format.SstCorruptionException;
import org.junit.jupiter.api.Test;

class SstFailuresTest {
    @Test
    void aBadBlockChecksumIsChecksumMismatchNamingTheSstAndOffset() {
        var e = new SstCorruptionException(Kind.CHECKSUM_MISMATCH, "sstable/7-000001", 4096, "data block");
        LodeException lode = SstFailures.toLode(e);
        assertEquals(ErrorCode.CHECKSUM_MISMATCH, lode.code());
        assertTrue(lode.getMessage().contains("sstable/7-000001"), lode.getMessage());
        assertTrue(lode.getMessage().contains("4096"), lode.getMessage());
        assertSame(e, lode.getCause());
    }

    @Test
    void anImpossibleStructureIsCorruption() {
        var e = new SstCorruptionException(Kind.CORRUPTION, "t", 12, "bad magic");
        assertEquals(ErrorCode.CORRUPTION, SstFailures.toLode(e).code());
    }
}
