/**
 * The service that the {@code io.lode:lode-parquet} artifact provides, so that datasets can write
 * Parquet without carrying its dependencies for users who do not. Applications use
 * {@link io.lode.dataset.Codecs#parquet}, not this package.
 */
package io.lode.dataset.spi;
