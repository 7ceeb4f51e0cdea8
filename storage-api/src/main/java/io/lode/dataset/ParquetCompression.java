package io.lode.dataset;

/**
 * How Parquet compresses each page inside the file. This is not recorded in the manifest (the
 * dataset's compressor is); pair Parquet with {@code Compressors.noop()}, since compressing a
 * compressed file again gains nothing.
 */
public enum ParquetCompression {
    /** Pages are stored as encoded. */
    NONE,
    /** Snappy: fast, moderate ratio; the default. */
    SNAPPY,
    /** Gzip: slower, better ratio. */
    GZIP,
    /** Zstandard (level 3): close to gzip's ratio at close to snappy's speed. Beyond Lode (Go). */
    ZSTD
}
