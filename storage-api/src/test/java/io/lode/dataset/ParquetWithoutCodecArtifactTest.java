package io.lode.dataset;

import static io.lode.LodeAssertions.assertFails;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.LodeException;
import org.junit.jupiter.api.Test;

/**
 * storage-api alone carries no Parquet implementation: {@link Codecs#parquet} says which artifact
 * to add (the codec itself is tested in the lode-parquet module).
 */
class ParquetWithoutCodecArtifactTest {
    @Test
    void parquetNamesTheMissingArtifact() {
        ParquetSchema schema = ParquetSchema.of(ParquetField.required("id", ParquetType.INT64));
        LodeException e = assertFails(ErrorCode.UNSUPPORTED, () -> Codecs.parquet(schema));
        assertTrue(e.getMessage().contains("io.lode:lode-parquet"), e.getMessage());
    }

    @Test
    void argumentsAreCheckedFirst() {
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> Codecs.parquet(null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> Codecs.parquet(ParquetSchema.of(), (ParquetOptions) null));
    }
}
