/**
 * Datasets: immutable snapshots of named data files, each described by a manifest, stored with the
 * same paths and manifest JSON as Lode (Go), so either implementation reads what the other wrote.
 * Open one with {@link io.lode.LodeConnection#dataset} or {@link Dataset#open}; list what a store
 * holds with {@link DatasetReader}.
 *
 * <p>Beyond Lode, the {@code latest} pointer is moved with a compare-and-swap, so two writers that
 * race on one dataset never fork its history: the loser gets
 * {@link io.lode.ErrorCode#SNAPSHOT_CONFLICT}. Retry recipe: call {@link Dataset#latest()} (or just
 * write again: the dataset re-resolves its head after a conflict), merge or rebuild what you meant to
 * write on top of it, and write again.
 */
package io.lode.dataset;
