package io.lode.parquet.internal;

import io.lode.dataset.Codec;
import io.lode.dataset.ParquetCompression;
import io.lode.dataset.ParquetSchema;
import io.lode.dataset.spi.ParquetCodecFactory;

/** What {@code Codecs.parquet} finds through {@link java.util.ServiceLoader} when this artifact is present. */
public final class ParquetCodecProvider implements ParquetCodecFactory {
    @Override
    public Codec create(ParquetSchema schema, ParquetCompression compression, long rowGroupBytes, int rowGroupRows) {
        return new ParquetCodec(schema, compression, rowGroupBytes, rowGroupRows);
    }
}
