package io.lode.dataset;

/**
 * Statistics of one column of a data file, as a statistical codec (Parquet) reports them.
 *
 * @param name the column
 * @param min the smallest value, or null when the codec reports none
 * @param max the largest value, or null
 * @param nullCount how many values are null
 * @param distinctCount how many distinct values, or 0 when unknown (then omitted from JSON)
 */
public record ColumnStats(String name, Object min, Object max, long nullCount, long distinctCount) {}
