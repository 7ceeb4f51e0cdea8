package io.lode.dataset;

import io.lode.ErrorCode;
import io.lode.LodeException;

/**
 * One setting of a Parquet codec; pass any number to {@link Codecs#parquet}, later ones
 * win. Defaults: {@link ParquetCompression#SNAPPY} and a single row group per file.
 */
public final class ParquetOptions {
    final ParquetCompression compression;
    final long rowGroupBytes;
    final int rowGroupRows;

    private ParquetOptions(ParquetCompression compression, long rowGroupBytes, int rowGroupRows) {
        this.compression = compression;
        this.rowGroupBytes = rowGroupBytes;
        this.rowGroupRows = rowGroupRows;
    }

    /** Compresses pages with {@code compression}. */
    public static ParquetOptions compression(ParquetCompression compression) {
        if (compression == null) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "Parquet compression must not be null; use ParquetCompression.NONE for none");
        }
        return new ParquetOptions(compression, 0, 0);
    }

    /**
     * Starts a new row group once the buffered one reaches about {@code bytes} (checked every few
     * records, as parquet-java does). Smaller groups let engines skip more, and cost a little size.
     */
    public static ParquetOptions rowGroupBytes(long bytes) {
        if (bytes < 1) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "Parquet row group size must be at least 1 byte, got " + bytes);
        }
        return new ParquetOptions(null, bytes, 0);
    }

    /** Starts a new row group every {@code rows} records. */
    public static ParquetOptions rowGroupRows(int rows) {
        if (rows < 1) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "Parquet row group row count must be at least 1, got " + rows);
        }
        return new ParquetOptions(null, 0, rows);
    }

    @Override
    public String toString() {
        return compression != null ? "compression=" + compression
                : rowGroupBytes > 0 ? "rowGroupBytes=" + rowGroupBytes : "rowGroupRows=" + rowGroupRows;
    }
}
