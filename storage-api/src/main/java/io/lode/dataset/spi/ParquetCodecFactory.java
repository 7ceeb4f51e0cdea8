package io.lode.dataset.spi;

import io.lode.dataset.Codec;
import io.lode.dataset.ParquetCompression;
import io.lode.dataset.ParquetSchema;

/**
 * Makes the Parquet codec behind {@link io.lode.dataset.Codecs#parquet}. Implemented by the
 * {@code io.lode:lode-parquet} artifact (module {@code io.lode.parquet}) and found with
 * {@link java.util.ServiceLoader}, so applications that do not use Parquet carry none of its
 * dependencies. Applications call {@code Codecs.parquet}, not this.
 */
public interface ParquetCodecFactory {
    /**
     * A codec for {@code schema}, already validated, with the options already folded.
     *
     * @param rowGroupBytes the buffered size at which a row group ends ({@link Long#MAX_VALUE}: never)
     * @param rowGroupRows the rows at which a row group ends ({@link Integer#MAX_VALUE}: never)
     */
    Codec create(ParquetSchema schema, ParquetCompression compression, long rowGroupBytes, int rowGroupRows);
}
