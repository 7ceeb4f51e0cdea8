/**
 * Parquet datasets queried by a real engine: {@link io.lode.examples.parquet.ParquetExample}.
 * Run it with {@code -Pquickstart -Dquickstart.main=io.lode.examples.parquet.ParquetExample}.
 */
package io.lode.examples.parquet;
