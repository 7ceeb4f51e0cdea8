package io.lode.sst;

import java.lang.foreign.MemorySegment;

/** An {@link SstSource} over a table held whole in a segment (mapped, downloaded or built in memory). */
record SegmentSource(String name, MemorySegment table) implements SstSource {
    @Override
    public long size() {
        return table.byteSize();
    }

    @Override
    public MemorySegment read(long offset, long length) {
        return table.asSlice(offset, length);
    }

    @Override
    public boolean isResident() {
        return true;
    }
}
