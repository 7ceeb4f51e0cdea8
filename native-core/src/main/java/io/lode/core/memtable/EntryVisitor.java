package io.lode.core.memtable;

import java.lang.foreign.MemorySegment;

/** Receives a memtable's entries from {@link Memtable#forEachInOrder}. */
@FunctionalInterface
public interface EntryVisitor {
    /**
     * One entry.
     *
     * @param internalKey the user key followed by its 8-byte little-endian trailer
     *     {@code (sequence << 8) | kind}: the bytes an SST stores
     * @param value the value, empty for a deletion
     *
     * <p>Both are read-only views into the arena, valid until the memtable closes.
     */
    void visit(MemorySegment internalKey, MemorySegment value);
}
