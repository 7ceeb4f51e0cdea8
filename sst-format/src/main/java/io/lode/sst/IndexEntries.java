package io.lode.sst;

import io.lode.sst.block.BlockHandle;

/**
 * Where an {@link SstWriter} puts the index entry of each data block it writes: the index block of
 * a whole table ({@link IndexBlock}), or the lists a part hands to its table's writer
 * ({@link PartIndex}). One call per data block, so the writer's per-entry path never asks which.
 */
sealed interface IndexEntries permits IndexBlock, PartIndex {
    /** Indexes the data block at {@code handle} under the first {@code length} bytes of {@code separator}. */
    void add(byte[] separator, int length, BlockHandle handle);
}
