package io.lode.sst;

import io.lode.sst.block.BlockBuilder;
import io.lode.sst.block.BlockHandle;
import io.lode.sst.format.GrowableBuffer;

/**
 * The index block of a whole table: one entry per data block, its separator as key and its
 * encoded {@link BlockHandle} as value, every entry a restart point (RocksDB's
 * {@code index_block_restart_interval} 1), so the reader can binary-search it.
 */
final class IndexBlock implements IndexEntries {
    private final BlockBuilder block = new BlockBuilder(1, 4096);
    private final GrowableBuffer handleBytes = new GrowableBuffer(32);

    @Override
    public void add(byte[] separator, int length, BlockHandle handle) {
        handleBytes.clear();
        handle.encodeTo(handleBytes);
        block.add(separator, length, handleBytes.segment(), 0, handleBytes.size());
    }

    /** The finished block, with a spare byte after its contents for the trailer's type. */
    GrowableBuffer finish() {
        return block.finish();
    }
}
