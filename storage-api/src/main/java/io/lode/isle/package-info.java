/**
 * Isle: a log-structured key-value database on object storage, with no server. Open one with
 * {@link io.lode.LodeConnection#isle(String)}, then open from the {@link io.lode.isle.IsleDB}
 * handle one {@link io.lode.isle.IsleWriter} (a single writer, fenced by epoch: a newer writer
 * makes the older one fail with {@code FENCED}), any number of {@link io.lode.isle.IsleReader}s
 * and {@link io.lode.isle.TailingReader}s on any host, and the background
 * {@link io.lode.isle.Compactor}, {@link io.lode.isle.RetentionCompactor} and
 * {@link io.lode.isle.GarbageCollector}.
 *
 * <p>Writes go to an off-heap memtable and become durable when a flush uploads them as a
 * RocksDB-format SST and commits it to the manifest log; readers see each committed flush as one
 * atomic step. The formats are in {@code docs/isle-format.md}, the commit protocol and its
 * failure cases in {@code docs/isle-protocol.md}.
 *
 * <p>Only this package is public; the engine below it ({@code io.lode.isle.engine},
 * {@code .manifest}, {@code .gc}, {@code .cache}, ...) is not exported.
 */
package io.lode.isle;
