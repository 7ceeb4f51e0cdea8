package io.lode.dataset;

/**
 * One column of a {@link ParquetSchema}.
 *
 * @param name the column name, which is also the record key
 * @param type the column type
 * @param nullable whether records may omit the key or map it to null (OPTIONAL in Parquet);
 *     otherwise every record must carry a value (REQUIRED)
 */
public record ParquetField(String name, ParquetType type, boolean nullable) {
    /** A column every record must fill. */
    public static ParquetField required(String name, ParquetType type) {
        return new ParquetField(name, type, false);
    }

    /** A column records may leave out or set to null. */
    public static ParquetField nullable(String name, ParquetType type) {
        return new ParquetField(name, type, true);
    }
}
