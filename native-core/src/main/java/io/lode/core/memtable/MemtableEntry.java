package io.lode.core.memtable;

import io.lode.core.key.EntryKind;
import java.lang.foreign.MemorySegment;

/**
 * One version of a user key found in a memtable.
 *
 * <p>{@code value} is a read-only view into the memtable's arena (empty for a deletion): it is valid
 * until the memtable is closed and must be copied if it has to outlive it.
 *
 * @param sequence the version's sequence number
 * @param kind whether the version is a value or a tombstone
 * @param value the value bytes, a view into the arena
 */
public record MemtableEntry(long sequence, EntryKind kind, MemorySegment value) {
    /** Whether this version deletes the key. */
    public boolean isDeletion() {
        return kind == EntryKind.DELETE;
    }
}
