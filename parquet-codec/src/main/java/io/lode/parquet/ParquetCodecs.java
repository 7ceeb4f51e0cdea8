package io.lode.parquet;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.dataset.Codec;
import io.lode.parquet.internal.ParquetCodec;

/**
 * The Parquet codec for datasets, from the {@code io.lode:lode-parquet} artifact. Use it like
 * {@link io.lode.dataset.Codecs#jsonl()}:
 *
 * <pre>{@code
 * ParquetSchema schema = ParquetSchema.of(ParquetField.required("id", ParquetType.INT64),
 *         ParquetField.nullable("name", ParquetType.STRING));
 * Dataset ds = c.dataset("events", DatasetOptions.builder().codec(ParquetCodecs.parquet(schema)).build());
 * }</pre>
 */
public final class ParquetCodecs {
    private ParquetCodecs() {}

    /**
     * A codec named {@code parquet} that writes each data file as one Parquet file with the given
     * columns, and reports per-file statistics (row count, null counts, min and max) for the
     * manifest. Not streaming: {@code streamWriteRecords} fails with {@code CODEC_NOT_STREAMABLE}.
     * A codec instance keeps the statistics of its last encode, so give each writing thread its own.
     *
     * @throws LodeException {@code INVALID_ARGUMENT} for a null schema or option
     */
    public static Codec parquet(ParquetSchema schema, ParquetOptions... options) {
        if (schema == null) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "a Parquet codec needs a schema: ParquetSchema.of(ParquetField...)");
        }
        ParquetCompression compression = ParquetCompression.SNAPPY;
        long rowGroupBytes = Long.MAX_VALUE;
        int rowGroupRows = Integer.MAX_VALUE;
        for (ParquetOptions o : options == null ? new ParquetOptions[0] : options) {
            if (o == null) {
                throw new LodeException(ErrorCode.INVALID_ARGUMENT, "a Parquet option is null");
            }
            if (o.compression != null) {
                compression = o.compression;
            } else if (o.rowGroupBytes > 0) {
                rowGroupBytes = o.rowGroupBytes;
            } else {
                rowGroupRows = o.rowGroupRows;
            }
        }
        return new ParquetCodec(schema, compression, rowGroupBytes, rowGroupRows);
    }
}
