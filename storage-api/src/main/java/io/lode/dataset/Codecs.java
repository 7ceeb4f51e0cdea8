package io.lode.dataset;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.dataset.internal.JsonlCodec;
import io.lode.dataset.spi.ParquetCodecFactory;
import java.util.ServiceLoader;

/** The built-in codecs. */
public final class Codecs {
    /** The artifact that implements {@link #parquet}, named in the error when it is missing. */
    static final String PARQUET_ARTIFACT = "io.lode:lode-parquet";

    private Codecs() {}

    /**
     * JSON Lines ({@code jsonl}): one compact JSON object per line, keys sorted, {@code <>&} escaped
     * as Go does. Decodes integers as {@code Long}, other numbers as {@code Double}. Streaming.
     */
    public static StreamingCodec jsonl() {
        return new JsonlCodec();
    }

    /** Parquet with {@link ParquetOptions#defaults()}; see {@link #parquet(ParquetSchema, ParquetOptions)}. */
    public static Codec parquet(ParquetSchema schema) {
        return parquet(schema, ParquetOptions.defaults());
    }

    /**
     * Parquet ({@code parquet}): each data file is one Parquet file with the schema's columns, and
     * its manifest entry gets statistics (row count; per column the null count, and min and max for
     * orderable types). Defaults: {@link ParquetCompression#SNAPPY}, one row group per file. Not
     * streaming: {@link Dataset#streamWriteRecords} fails with {@code CODEC_NOT_STREAMABLE}. A codec
     * instance keeps the statistics of its last encode, so give each writing thread its own.
     *
     * <p>Needs the {@code io.lode:lode-parquet} artifact (module {@code io.lode.parquet}) at run time;
     * see docs/parquet.md.
     *
     * <pre>{@code
     * Codec codec = Codecs.parquet(ParquetSchema.of(
     *         ParquetField.required("id", ParquetType.INT64), ParquetField.nullable("name", ParquetType.STRING)),
     *         ParquetOptions.defaults().withCompression(ParquetCompression.ZSTD));
     * }</pre>
     *
     * @throws LodeException {@code INVALID_ARGUMENT} for a null schema or options; {@code UNSUPPORTED}
     *     when {@code io.lode:lode-parquet} is not on the class or module path
     */
    public static Codec parquet(ParquetSchema schema, ParquetOptions options) {
        if (schema == null) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "a Parquet codec needs a schema: ParquetSchema.of(ParquetField...)");
        }
        if (options == null) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "Parquet options must not be null; use ParquetOptions.defaults()");
        }
        ParquetCodecFactory factory = ServiceLoader.load(ParquetCodecFactory.class).findFirst().orElseThrow(() -> new LodeException(
                ErrorCode.UNSUPPORTED, "the Parquet codec needs the " + PARQUET_ARTIFACT + " artifact (module io.lode.parquet) on the "
                + "class or module path; add the dependency io.lode:lode-parquet to your build"));
        return factory.create(schema, options.compression(), options.rowGroupBytes(), options.rowGroupRows());
    }
}
