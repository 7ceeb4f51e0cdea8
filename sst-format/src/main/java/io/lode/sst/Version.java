package io.lode.sst;

import io.lode.core.key.EntryKind;
import java.lang.foreign.MemorySegment;

/**
 * One version of a key found in a table: its sequence, whether it is a value or a tombstone, and the
 * value bytes (a slice of the block, no copy; empty for a tombstone).
 */
public record Version(long sequence, EntryKind kind, MemorySegment value) {
    public boolean isTombstone() {
        return kind == EntryKind.DELETE;
    }
}
