package io.lode.sst;

import io.lode.sst.block.BlockHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The index of an {@link SstPart} as it is built: each data block's separator and place in the
 * part, which the table's writer re-indexes at the part's offset when it appends it. The last
 * block has a place but no separator: the key after it, known only to the table's writer, decides it.
 */
final class PartIndex implements IndexEntries {
    private final SegmentOutputStream out;
    private final List<byte[]> separators = new ArrayList<>();
    private final List<BlockHandle> handles = new ArrayList<>();

    /** The index of the part written to {@code out}. */
    PartIndex(SegmentOutputStream out) {
        this.out = out;
    }

    @Override
    public void add(byte[] separator, int length, BlockHandle handle) {
        separators.add(Arrays.copyOf(separator, length));
        handles.add(handle);
    }

    /** The part's last data block, whose separator the table's writer chooses. */
    void addLast(BlockHandle handle) {
        handles.add(handle);
    }

    /** The part's bytes. */
    SegmentOutputStream out() {
        return out;
    }

    List<byte[]> separators() {
        return separators;
    }

    List<BlockHandle> handles() {
        return handles;
    }
}
