package io.lode.core.memtable;

/** What {@link Memtable#add} did with an entry. */
public enum InsertResult {
    /** The entry is in the memtable and visible to readers. */
    INSERTED,
    /**
     * The arena has no room left for this entry; nothing was written. The writer should freeze this
     * memtable, rotate to a fresh one and insert there; an entry accepted by one memtable's size
     * check always fits an empty memtable of the same capacity.
     */
    FULL,
    /**
     * An entry with the same user key, sequence number and kind is already present; the new one was
     * not linked. Sequence numbers are unique per write, so this signals a caller bug.
     */
    DUPLICATE
}
