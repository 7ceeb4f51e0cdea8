package io.lode.dataset;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.util.Objects;

/**
 * How a Parquet codec writes its files ({@link Codecs#parquet(ParquetSchema, ParquetOptions)}):
 * start from {@link #defaults()} and change what you need with the {@code with} methods, each of
 * which returns a new value. A later version may add options, with defaults, without breaking code
 * written against this one.
 */
public final class ParquetOptions {
    private static final ParquetOptions DEFAULTS = new ParquetOptions(ParquetCompression.SNAPPY, Long.MAX_VALUE, Integer.MAX_VALUE);

    private final ParquetCompression compression;
    private final long rowGroupBytes;
    private final int rowGroupRows;

    private ParquetOptions(ParquetCompression compression, long rowGroupBytes, int rowGroupRows) {
        if (compression == null) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "Parquet compression must not be null; use ParquetCompression.NONE for none");
        }
        if (rowGroupBytes < 1) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "Parquet row group size must be at least 1 byte, got " + rowGroupBytes);
        }
        if (rowGroupRows < 1) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "Parquet row group row count must be at least 1, got " + rowGroupRows);
        }
        this.compression = compression;
        this.rowGroupBytes = rowGroupBytes;
        this.rowGroupRows = rowGroupRows;
    }

    /** {@link ParquetCompression#SNAPPY} and a single row group per file. */
    public static ParquetOptions defaults() {
        return DEFAULTS;
    }

    /** How pages are compressed (default {@link ParquetCompression#SNAPPY}). */
    public ParquetCompression compression() {
        return compression;
    }

    /**
     * A new row group starts once the buffered one reaches about this many bytes, checked every few
     * records, as parquet-java does ({@link Long#MAX_VALUE}, the default: never). Smaller groups let
     * engines skip more, and cost a little size.
     */
    public long rowGroupBytes() {
        return rowGroupBytes;
    }

    /** A new row group starts every this many records ({@link Integer#MAX_VALUE}, the default: never). */
    public int rowGroupRows() {
        return rowGroupRows;
    }

    /** See {@link #compression()}. */
    public ParquetOptions withCompression(ParquetCompression compression) {
        return new ParquetOptions(compression, rowGroupBytes, rowGroupRows);
    }

    /** See {@link #rowGroupBytes()}. */
    public ParquetOptions withRowGroupBytes(long bytes) {
        return new ParquetOptions(compression, bytes, rowGroupRows);
    }

    /** See {@link #rowGroupRows()}. */
    public ParquetOptions withRowGroupRows(int rows) {
        return new ParquetOptions(compression, rowGroupBytes, rows);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParquetOptions p && compression == p.compression && rowGroupBytes == p.rowGroupBytes
                && rowGroupRows == p.rowGroupRows;
    }

    @Override
    public int hashCode() {
        return Objects.hash(compression, rowGroupBytes, rowGroupRows);
    }

    @Override
    public String toString() {
        return "ParquetOptions[compression=" + compression + ", rowGroupBytes=" + rowGroupBytes + ", rowGroupRows=" + rowGroupRows + "]";
    }
}
