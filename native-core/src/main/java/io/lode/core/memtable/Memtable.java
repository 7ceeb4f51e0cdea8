package io.lode.core.memtable;

import static io.lode.core.memtable.NodeLayout.HEAD;
import static io.lode.core.memtable.NodeLayout.HEAD_BYTES;
import static io.lode.core.memtable.NodeLayout.KEY;
import static io.lode.core.memtable.NodeLayout.KEY_LENGTH;
import static io.lode.core.memtable.NodeLayout.MAX_HEIGHT;
import static io.lode.core.memtable.NodeLayout.VALUE_REF;

import io.lode.core.io.HugePageMemory;
import io.lode.core.key.EntryKind;
import io.lode.core.key.InternalKeyTrailer;
import io.lode.core.memory.Layouts;
import io.lode.core.memory.UnsignedBytes;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * An in-memory sorted buffer of writes: a concurrent skiplist whose nodes, keys and values all live in
 * one off-heap arena of fixed capacity, in the manner of RocksDB's InlineSkipList and Pebble's arenaskl.
 *
 * <p>Entries are internal keys (user key, sequence number, kind) with a value, ordered by user key
 * (unsigned ascending) and then by sequence number descending, so the newest version of a key comes
 * first. Any number of threads may {@link #add} at once; towers are linked bottom-up with CAS, and
 * readers ({@link #get}, {@link #iterator()}) never lock or wait. An entry is visible to readers from
 * the moment its level-0 link is published, which happens before {@code add} returns. Inserting
 * allocates no Java objects per entry.
 *
 * <p>When the arena has no room for an entry, {@link #add} returns {@link InsertResult#FULL} and the
 * caller rotates to a fresh memtable. {@link #close()} frees the whole arena at once; all views
 * handed out (values, keys) die with it, and the caller must make sure no reader is still using the
 * memtable when it closes it (closing a shared arena under a concurrent access fails with
 * {@link IllegalStateException}).
 */
public final class Memtable implements AutoCloseable {
    private static final VarHandle LINK = ValueLayout.JAVA_LONG.varHandle();
    private static final MemorySegment NO_VALUE = MemorySegment.ofArray(new byte[0]);
    private static final long EMPTY_STATE = HEAD_BYTES >>> 3;
    /** What {@link #allocate} returns when the entry does not fit; no real state has all 64 bits set. */
    private static final long NO_ROOM = -1;
    /** Where a {@link #place} handle keeps the tower height, above the node offset's 35 bits. */
    private static final int PLACED_HEIGHT_SHIFT = 40;
    /**
     * Per-thread scratch for the predecessors ({@code [0, MAX_HEIGHT)}) and successors
     * ({@code [MAX_HEIGHT, 2 * MAX_HEIGHT)}) found on the way down, so inserts allocate nothing.
     */
    private static final ThreadLocal<long[]> SPLICE = ThreadLocal.withInitial(() -> new long[2 * MAX_HEIGHT]);

    private final Arena arena;
    private final MemorySegment memory;
    /**
     * Both bump pointers in one word, so one CAS allocates a node and its value: the low 32 bits
     * count the 8-byte units used by the head and the nodes from the start of the arena, the high 32
     * bits those used by value records from {@link #valuesEnd} downwards.
     */
    private final AtomicLong allocated = new AtomicLong(EMPTY_STATE);
    /** Where value records end: the capacity rounded down to 8 bytes, so records stay 8-aligned. */
    private final long valuesEnd;
    /**
     * The height of the tallest tower linked or being linked. Searches start there instead of at
     * {@code MAX_HEIGHT}; a reader that sees a stale, lower value just starts lower, which is still
     * correct because every level is a sublist of the one below.
     */
    private final AtomicInteger listHeight = new AtomicInteger(1);
    private final LongAdder entries = new LongAdder();
    /** Entries placed and not linked yet; see {@link #place}. */
    private final AtomicInteger unlinked = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** 0 for random tower heights; tests fix it to make arena usage predictable. */
    private final int fixedHeight;

    Memtable(long capacityBytes, int fixedHeight) {
        long smallest = HEAD_BYTES + NodeLayout.footprint(0, 0, MAX_HEIGHT);
        if (capacityBytes < smallest) {
            throw new IllegalArgumentException(
                    "memtable capacity " + capacityBytes + " bytes is below the minimum of " + smallest);
        }
        if (capacityBytes > NodeLayout.MAX_CAPACITY) {
            throw new IllegalArgumentException("memtable capacity " + capacityBytes
                    + " bytes is above the maximum of " + NodeLayout.MAX_CAPACITY + " (32 GiB less 8 bytes)");
        }
        if (fixedHeight < 0 || fixedHeight > MAX_HEIGHT) {
            throw new IllegalArgumentException("tower height " + fixedHeight + " outside [0, " + MAX_HEIGHT + "]");
        }
        this.fixedHeight = fixedHeight;
        this.arena = Arena.ofShared();
        // Zero-initialised, so the head's tower starts out as null links. On huge pages where the
        // kernel offers them: a search is a chain of random accesses, and with 4 KiB pages most of
        // them would also miss the TLB.
        this.memory = HugePageMemory.allocate(arena, capacityBytes);
        this.valuesEnd = capacityBytes & ~7L;
    }

    /**
     * A memtable whose arena holds {@code capacityBytes}, including a small fixed head
     * ({@value NodeLayout#MAX_HEIGHT} links and a header).
     *
     * @throws IllegalArgumentException if the capacity cannot hold even one empty entry
     */
    public static Memtable create(long capacityBytes) {
        return new Memtable(capacityBytes, 0);
    }

    /** Adds a value for {@code userKey} at {@code sequence}; see {@link #add}. */
    public InsertResult put(MemorySegment userKey, long sequence, MemorySegment value) {
        return add(userKey, sequence, EntryKind.SET, value);
    }

    /** Adds a tombstone for {@code userKey} at {@code sequence}; see {@link #add}. */
    public InsertResult delete(MemorySegment userKey, long sequence) {
        return add(userKey, sequence, EntryKind.DELETE, NO_VALUE);
    }

    /**
     * Copies the entry into the arena and links it into the skiplist. Safe to call from any number of
     * threads at once. The caller's segments are only read during the call.
     *
     * @return {@link InsertResult#INSERTED}, {@link InsertResult#FULL} when the arena has no room left
     *     (nothing is written), or {@link InsertResult#DUPLICATE} when this exact internal key is present
     * @throws IllegalArgumentException if the sequence number is outside 56 bits, a deletion carries a
     *     value, or the entry is too large to fit even an empty memtable of this capacity
     */
    public InsertResult add(MemorySegment userKey, long sequence, EntryKind kind, MemorySegment value) {
        long placed = place(userKey, sequence, kind, value);
        return placed == 0 ? InsertResult.FULL : link(placed);
    }

    /**
     * The first step of an insert in two: copies the entry into the arena without linking it, and
     * returns a handle for {@link #link}, or 0 when the arena has no room left (nothing is written).
     * A writer that orders its entries under a lock (as the Isle writer numbers them) places them
     * under it, which is quick, and links them after releasing it, so that the searches of several
     * threads, most of an insert, run at once. Until it is linked an entry is invisible, and
     * {@link #awaitLinked()} waits for it.
     *
     * @throws IllegalArgumentException as {@link #add} does
     */
    public long place(MemorySegment userKey, long sequence, EntryKind kind, MemorySegment value) {
        long trailer = InternalKeyTrailer.of(sequence, kind);
        long keyLength = userKey.byteSize();
        long valueLength = value.byteSize();
        if (kind == EntryKind.DELETE && valueLength != 0) {
            throw new IllegalArgumentException("a deletion carries no value, got " + valueLength + " bytes");
        }
        checkFitsEmpty(keyLength, valueLength);
        int height = fixedHeight != 0 ? fixedHeight : randomHeight();
        long nodeBytes = NodeLayout.nodeFootprint(keyLength, height);
        long valueBytes = NodeLayout.valueFootprint(valueLength);
        long state = allocate(nodeBytes, valueBytes);
        if (state == NO_ROOM) {
            return 0;
        }
        long node = ((state & 0xFFFF_FFFFL) << 3) + (long) height * NodeLayout.LINK_BYTES;
        int valueRef = 0;
        if (valueBytes != 0) {
            long record = valuesEnd - ((state >>> 32) << 3) - valueBytes;
            memory.set(ValueLayout.JAVA_INT, record, (int) valueLength);
            MemorySegment.copy(value, 0, memory, NodeLayout.valueBytes(record), valueLength);
            valueRef = (int) (record >>> 3);
        }
        int k = (int) keyLength;
        memory.set(ValueLayout.JAVA_INT, node + KEY_LENGTH, k);
        memory.set(ValueLayout.JAVA_INT, node + VALUE_REF, valueRef);
        MemorySegment.copy(userKey, 0, memory, node + KEY, keyLength);
        memory.set(Layouts.U64_LE, NodeLayout.trailerOffset(node, k), trailer);
        // Counted only now: a copy that failed (a caller's segment closed under it) leaves an
        // entry that is never linked, and awaitLinked must not wait for it.
        unlinked.incrementAndGet();
        // Node offsets fit 35 bits; the tower height goes above them.
        return ((long) height << PLACED_HEIGHT_SHIFT) | node;
    }

    /**
     * The second step of an insert in two: links an entry {@link #place placed} by this thread (or
     * handed over with a happens-before edge), making it visible. Call it exactly once per handle.
     *
     * @return {@link InsertResult#INSERTED}, or {@link InsertResult#DUPLICATE} when this exact
     *     internal key is present (the entry stays invisible)
     */
    public InsertResult link(long placed) {
        try {
            if (!link(placed & ((1L << PLACED_HEIGHT_SHIFT) - 1), (int) (placed >>> PLACED_HEIGHT_SHIFT))) {
                return InsertResult.DUPLICATE;
            }
            entries.increment();
            return InsertResult.INSERTED;
        } finally {
            unlinked.decrementAndGet();
        }
    }

    /**
     * Waits until every placed entry is linked: for a writer that froze this memtable (no more
     * {@link #place} calls) before it reads it whole, as a flush does. Links take microseconds.
     */
    public void awaitLinked() {
        for (int spins = 0; unlinked.get() != 0; spins++) {
            if (spins < 1_000) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /** Whether nothing was placed in the memtable since it was created or {@link #reset}. */
    public boolean isEmpty() {
        return allocated.get() == EMPTY_STATE;
    }

    /**
     * The newest version of {@code userKey} whose sequence number is at most {@code readSequence}, or
     * {@code null} if there is none. A deletion is returned as such, not hidden: it shadows older
     * versions in other memtables and files.
     */
    public MemtableEntry get(MemorySegment userKey, long readSequence) {
        long keyLength = userKey.byteSize();
        long node = findGreaterOrEqual(userKey, keyLength, InternalKeyTrailer.seekTarget(readSequence));
        if (node == 0 || !hasUserKey(node, userKey, keyLength)) {
            return null;
        }
        long trailer = trailer(node);
        return new MemtableEntry(InternalKeyTrailer.sequence(trailer), InternalKeyTrailer.kind(trailer), value(node));
    }

    /**
     * A new iterator, positioned nowhere until one of its seek methods is called. It sees every entry
     * inserted before the seek and possibly entries inserted since.
     */
    public MemtableIterator iterator() {
        return new MemtableIterator(this);
    }

    /**
     * Calls {@code visitor} for every entry, in internal-key order: the fast way to read a whole
     * memtable, as a flush does; {@code inOrder().forEach(0, size, visitor)}.
     *
     * <p>Meant for a memtable no one inserts into any more; during inserts it visits every entry
     * inserted before the call and possibly later ones, in order.
     */
    public void forEachInOrder(EntryVisitor visitor) {
        OrderedEntries entries = inOrder();
        entries.forEach(0, entries.size(), visitor);
    }

    /**
     * The entries in internal-key order, gathered once with several walks of the list interleaved
     * ({@link OrderedNodes}), for visiting in ranges, by several threads if need be. It holds 8 bytes
     * per entry on the heap. Meant for a memtable no one inserts into any more; during inserts it
     * holds every entry inserted before the call and possibly later ones.
     */
    public OrderedEntries inOrder() {
        return new OrderedEntries(this, OrderedNodes.of(this, listHeight.get(), entryCount()));
    }

    /**
     * Loads the first 64 bytes of the internal keys and of the value records of
     * {@code nodes[from, end)}, and returns a number made from them that means nothing: Java has no
     * prefetch instruction, and a load whose result is kept is the next best thing. The nodes'
     * headers, which say where the values are, are all loaded first, then the values, so that
     * neither waits for the other entry by entry. {@code records} is scratch of
     * {@code end - from} elements.
     */
    int touch(long[] nodes, int from, int end, long[] records) {
        long last = valuesEnd - 1;
        int sum = 0;
        for (int i = from; i < end; i++) {
            long node = nodes[i];
            sum += memory.get(ValueLayout.JAVA_BYTE, Math.min(node + KEY + 63, last));
            records[i - from] = Integer.toUnsignedLong(memory.get(ValueLayout.JAVA_INT, node + VALUE_REF)) << 3;
        }
        for (int i = 0; i < end - from; i++) {
            long record = records[i];
            if (record != 0) {
                sum += memory.get(ValueLayout.JAVA_BYTE, record) + memory.get(ValueLayout.JAVA_BYTE, Math.min(record + 63, last));
            }
        }
        return sum;
    }

    /**
     * Empties the memtable so that its arena can take new entries, without allocating (and zeroing)
     * a new one: only the head's tower must read as null links, because every node's fields and
     * links are written before the node is published. The caller guarantees that no other thread
     * uses the memtable, nor any segment it returned, from now on: it is for an owner that has
     * flushed it.
     */
    public void reset() {
        if (closed.get()) {
            throw new IllegalStateException("the memtable is closed");
        }
        memory.asSlice(0, HEAD_BYTES).fill((byte) 0);
        allocated.set(EMPTY_STATE);
        listHeight.set(1);
        entries.reset();
    }

    /** The number of entries inserted. */
    public long entryCount() {
        return entries.sum();
    }

    /**
     * Arena bytes in use: entries with their towers and padding, plus the fixed head. This is the
     * memtable's memory footprint for flush and rotation decisions.
     */
    public long allocatedBytes() {
        long state = allocated.get();
        return ((state & 0xFFFF_FFFFL) + (state >>> 32)) << 3;
    }

    /** The arena's capacity in bytes. */
    public long capacity() {
        return memory.byteSize();
    }

    /** Whether the arena is still alive, that is the memtable has not been closed. */
    public boolean isOpen() {
        return memory.scope().isAlive();
    }

    /**
     * Frees the whole arena in one step. Idempotent. Every view returned by this memtable and its
     * iterators becomes inaccessible.
     *
     * @throws IllegalStateException if another thread is accessing the memtable at this moment
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                arena.close();
            } catch (IllegalStateException inUse) {
                // The arena is still open: let a later close() try again rather than leak it.
                closed.set(false);
                throw inUse;
            }
        }
    }

    // ---- reading nodes (shared with MemtableIterator) ----

    /** The node that {@code node}'s link on {@code level} points to, or 0. */
    long next(long node, int level) {
        return target(loadLink(node, level));
    }

    private long loadLink(long node, int level) {
        return (long) LINK.getAcquire(memory, NodeLayout.link(node, level));
    }

    /** The node offset a link word points to (0 for none); see {@link NodeLayout}. */
    private static long target(long link) {
        return (link & 0xFFFF_FFFFL) << 3;
    }

    /** The link word pointing to {@code node}, whose key starts with the 8 bytes {@code keyPrefix}. */
    private static long linkTo(long node, long keyPrefix) {
        return (keyPrefix & 0xFFFF_FFFF_0000_0000L) | (node >>> 3);
    }

    long first() {
        return next(HEAD, 0);
    }

    int keyLength(long node) {
        return memory.get(ValueLayout.JAVA_INT, node + KEY_LENGTH);
    }

    long trailer(long node) {
        return memory.get(Layouts.U64_LE, NodeLayout.trailerOffset(node, keyLength(node)));
    }

    MemorySegment userKey(long node) {
        return memory.asSlice(node + KEY, keyLength(node)).asReadOnly();
    }

    MemorySegment internalKey(long node) {
        return memory.asSlice(node + KEY, keyLength(node) + (long) InternalKeyTrailer.BYTES).asReadOnly();
    }

    MemorySegment value(long node) {
        long record = Integer.toUnsignedLong(memory.get(ValueLayout.JAVA_INT, node + VALUE_REF)) << 3;
        if (record == 0) {
            // Still a view of the arena, so that it dies with the memtable like every other value.
            return memory.asSlice(node, 0).asReadOnly();
        }
        int valueLength = memory.get(ValueLayout.JAVA_INT, record);
        return memory.asSlice(NodeLayout.valueBytes(record), valueLength).asReadOnly();
    }

    /** The first node at or after the internal key ({@code key[0, keyLength)}, {@code trailer}), or 0. */
    long findGreaterOrEqual(MemorySegment key, long keyLength, long trailer) {
        long keyPrefix = prefix(key, 0, keyLength);
        long prev = HEAD;
        long next = 0;
        // The node that stopped the walk on the level above is known to be >= the key; when the walk
        // on this level reaches it again, stop without comparing (RocksDB's InlineSkipList does this).
        long knownGreaterOrEqual = 0;
        for (int level = listHeight.get() - 1; level >= 0; level--) {
            next = loadLink(prev, level);
            while (next != 0 && next != knownGreaterOrEqual
                    && compareLinked(next, key, 0, keyLength, keyPrefix, trailer) < 0) {
                prev = target(next);
                next = loadLink(prev, level);
            }
            knownGreaterOrEqual = next;
        }
        return target(next);
    }

    // ---- inserting ----

    private void checkFitsEmpty(long keyLength, long valueLength) {
        if (keyLength > NodeLayout.MAX_LENGTH || valueLength > NodeLayout.MAX_LENGTH) {
            throw new IllegalArgumentException("key of " + keyLength + " bytes or value of " + valueLength
                    + " bytes exceeds the limit of " + NodeLayout.MAX_LENGTH + " bytes");
        }
        // Judged at the tallest tower so that an entry accepted here always fits a fresh memtable:
        // a FULL answer must be curable by rotation, never repeat forever.
        long worst = NodeLayout.footprint(keyLength, valueLength, MAX_HEIGHT);
        long usable = valuesEnd - HEAD_BYTES;
        if (worst > usable) {
            throw new IllegalArgumentException("entry with a " + keyLength + "-byte key and a " + valueLength
                    + "-byte value needs up to " + worst + " bytes, more than the " + usable
                    + " usable bytes of a " + memory.byteSize() + "-byte memtable");
        }
    }

    /**
     * Reserves {@code nodeBytes} after the last node and {@code valueBytes} before the last value
     * record; returns the allocation state before the reservation (which locates both), or
     * {@link #NO_ROOM} if they do not fit.
     */
    private long allocate(long nodeBytes, long valueBytes) {
        // A CAS loop rather than getAndAdd: a failed big request must not push the bump pointers
        // past each other, so smaller entries can still use the gap and the arena can fill exactly.
        while (true) {
            long state = allocated.get();
            long nodesEnd = ((state & 0xFFFF_FFFFL) << 3) + nodeBytes;
            long valuesUsed = ((state >>> 32) << 3) + valueBytes;
            if (nodesEnd + valuesUsed > valuesEnd) {
                return NO_ROOM;
            }
            if (allocated.compareAndSet(state, ((valuesUsed >>> 3) << 32) | (nodesEnd >>> 3))) {
                return state;
            }
        }
    }

    /**
     * Heights 1..MAX_HEIGHT, each level above the first kept with probability 1/2. RocksDB and LevelDB
     * use 1/4, which saves 5 bytes of tower per entry, but a search then takes about three steps per
     * level, and in a memtable larger than the CPU caches each step on the lower levels is a cache miss;
     * with 1/2, a lookup among a million entries touches about a fifth fewer cold nodes.
     */
    private static int randomHeight() {
        int bits = ThreadLocalRandom.current().nextInt();
        return Math.min(1 + Integer.numberOfTrailingZeros(bits), MAX_HEIGHT);
    }

    /** Raises the list height to at least {@code height}, so that searches start high enough. */
    private void raiseListHeight(int height) {
        int current = listHeight.get();
        while (height > current && !listHeight.compareAndSet(current, height)) {
            current = listHeight.get();
        }
    }

    /**
     * Links a filled-in node bottom-up. Level 0 is the commit point: once its CAS succeeds the entry is
     * visible; higher levels only speed up searches. Returns false if the internal key is present.
     */
    private boolean link(long node, int height) {
        long key = node + KEY;
        long keyLength = keyLength(node);
        long trailer = memory.get(Layouts.U64_LE, key + keyLength);
        long keyPrefix = prefix(memory, key, keyLength);
        long self = linkTo(node, keyPrefix);
        // Predecessors are node offsets, successors are the link words that pointed to them.
        long[] splice = SPLICE.get();
        raiseListHeight(height);
        long prev = HEAD;
        long knownGreater = 0;
        for (int level = listHeight.get() - 1; level >= 0; level--) {
            long next = loadLink(prev, level);
            while (next != 0 && next != knownGreater
                    && compareLinked(next, memory, key, keyLength, keyPrefix, trailer) < 0) {
                prev = target(next);
                next = loadLink(prev, level);
            }
            knownGreater = next;
            if (level < height) {
                splice[level] = prev;
                splice[MAX_HEIGHT + level] = next;
            }
        }
        long successor = splice[MAX_HEIGHT];
        if (successor != 0 && compareLinked(successor, memory, key, keyLength, keyPrefix, trailer) == 0) {
            return false;
        }
        for (int level = 0; level < height; level++) {
            prev = splice[level];
            long next = splice[MAX_HEIGHT + level];
            while (true) {
                // A plain store is enough: the CAS below publishes it with volatile semantics, and no
                // reader follows this level of the node before that CAS makes it reachable here.
                memory.set(ValueLayout.JAVA_LONG, NodeLayout.link(node, level), next);
                if (LINK.compareAndSet(memory, NodeLayout.link(prev, level), next, self)) {
                    break;
                }
                // Another writer linked a node between prev and next; prev still precedes us, since
                // nodes are never removed, so rescan this level from there.
                int cmp = 1;
                next = loadLink(prev, level);
                while (next != 0 && (cmp = compareLinked(next, memory, key, keyLength, keyPrefix, trailer)) < 0) {
                    prev = target(next);
                    next = loadLink(prev, level);
                }
                if (level == 0 && next != 0 && cmp == 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Compares the node that {@code link} points to with the search key, like {@link #compare}. The
     * link carries the first 4 bytes of its target's key, which settle most comparisons without
     * touching the target node at all: in a memtable larger than the caches that saves a cache miss
     * whenever the search goes down a level instead of along it.
     */
    private int compareLinked(long link, MemorySegment key, long from, long length, long keyPrefix, long trailer) {
        int c = Integer.compareUnsigned((int) (link >>> 32), (int) (keyPrefix >>> 32));
        return c != 0 ? c : compare(target(link), key, from, length, keyPrefix, trailer);
    }

    /**
     * Compares {@code node}'s internal key with ({@code key[from, from + length)}, {@code trailer});
     * {@code keyPrefix} is {@link #prefix} of that key.
     */
    private int compare(long node, MemorySegment key, long from, long length, long keyPrefix, long trailer) {
        long nodeKey = node + KEY;
        int nodeKeyLength = memory.get(ValueLayout.JAVA_INT, node + KEY_LENGTH);
        // Most comparisons of distinct keys are settled by their first 8 bytes, which sit in the
        // node's first cache line; one unsigned long compare replaces a bulk mismatch call. Reading 8
        // bytes is always in bounds: the key is followed by its 8-byte trailer.
        long nodePrefix = maskPrefix(memory.get(Layouts.U64_BE, nodeKey), nodeKeyLength);
        if (nodePrefix != keyPrefix) {
            return Long.compareUnsigned(nodePrefix, keyPrefix);
        }
        int c = UnsignedBytes.compare(memory, nodeKey, nodeKey + nodeKeyLength, key, from, from + length);
        if (c != 0) {
            return c;
        }
        return InternalKeyTrailer.compare(memory.get(Layouts.U64_LE, nodeKey + nodeKeyLength), trailer);
    }

    /**
     * The first 8 bytes of {@code key[from, from + length)} as a big-endian long, zero-padded when the
     * key is shorter. Unequal prefixes order like the keys; equal ones need a full comparison, since
     * padding makes "a" and "a\0" look alike.
     */
    private static long prefix(MemorySegment key, long from, long length) {
        if (length >= 8) {
            return key.get(Layouts.U64_BE, from);
        }
        long prefix = 0;
        for (int i = 0; i < length; i++) {
            prefix |= (key.get(ValueLayout.JAVA_BYTE, from + i) & 0xFFL) << (56 - 8 * i);
        }
        return prefix;
    }

    /** Keeps the first {@code length} bytes (at most 8) of a big-endian prefix, zeroing the rest. */
    private static long maskPrefix(long bytes, int length) {
        if (length >= 8) {
            return bytes;
        }
        return length == 0 ? 0 : bytes & (-1L << (64 - 8 * length));
    }

    private boolean hasUserKey(long node, MemorySegment key, long keyLength) {
        long nodeKey = node + KEY;
        return keyLength(node) == keyLength
                && MemorySegment.mismatch(memory, nodeKey, nodeKey + keyLength, key, 0, keyLength) < 0;
    }
}
