/** Runnable Lode programs, one per use case, and the quickstart. */
module io.lode.examples {
    requires io.lode;
    // The Parquet example: DuckDB over JDBC. The Parquet codec itself (module io.lode.parquet) is
    // found as a service of io.lode, so nothing here names it.
    requires java.sql;
    requires duckdb.jdbc;
}
