package io.lode.dataset;

/**
 * The column types of a {@link ParquetSchema}, each with the Java values it accepts on write and
 * returns on read. docs/parquet.md has the full mapping to Parquet physical and logical types.
 */
public enum ParquetType {
    /** INT32. Writes integers in range and integral doubles in range; reads {@link Integer}. */
    INT32,
    /** INT64. Writes integers and integral doubles of magnitude at most 2^53; reads {@link Long}. */
    INT64,
    /** FLOAT. Writes any float, double or integer; reads {@link Float}. */
    FLOAT32,
    /** DOUBLE. Writes any float, double or integer; reads {@link Double}. */
    FLOAT64,
    /** BYTE_ARRAY annotated STRING (UTF-8). Writes {@link String}; reads {@link String}. */
    STRING,
    /** BOOLEAN. Writes and reads {@link Boolean}. */
    BOOL,
    /** BYTE_ARRAY. Writes {@code byte[]} or a {@link String} (as UTF-8); reads {@code byte[]}. */
    BYTES,
    /**
     * INT64 annotated TIMESTAMP(NANOS, UTC). Writes an {@link java.time.Instant}, an
     * {@link java.time.OffsetDateTime}, a {@link java.time.ZonedDateTime} or an RFC 3339 string;
     * reads {@link java.time.Instant}.
     */
    TIMESTAMP
}
