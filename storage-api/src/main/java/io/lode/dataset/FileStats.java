package io.lode.dataset;

import java.util.List;

/**
 * What a statistical codec reported about one data file.
 *
 * @param rowCount the rows in the file
 * @param columns per-column statistics, in schema order (empty when none)
 */
public record FileStats(long rowCount, List<ColumnStats> columns) {
    public FileStats {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
