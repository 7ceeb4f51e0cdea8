/**
 * Datasets and volumes, one runnable {@code main} per use case, each on a fresh local directory by
 * default (first argument: the base directory, default {@code lode-examples}).
 */
package io.lode.examples.dataset;
