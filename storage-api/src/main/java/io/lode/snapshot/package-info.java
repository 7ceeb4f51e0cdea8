/**
 * What datasets and volumes share, below both: the linear snapshot history with its
 * {@code latest} pointer and commit protocol ({@link io.lode.snapshot.SnapshotHistory}), snapshot
 * ids, the path-segment rules of ids, the manifest field rules and checksum verification. Formats:
 * {@code docs/dataset-format.md}. Not exported.
 */
package io.lode.snapshot;
