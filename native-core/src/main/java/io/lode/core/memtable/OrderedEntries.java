package io.lode.core.memtable;

/**
 * A memtable's entries in internal-key order, gathered once by {@link Memtable#inOrder()}, to be
 * visited in ranges: a flush on two cores builds the two halves of its table at once.
 *
 * <p>Visiting loads each run of {@value #TOUCH_RUN} entries' keys and values together before it
 * visits the run before it, so that their cache misses overlap instead of each stalling the visitor
 * in turn (in a flush that was more than half of the time). Any number of threads may visit at once;
 * the entries are views into the arena, valid until the memtable closes.
 */
public final class OrderedEntries {
    /**
     * Entries whose keys and values are loaded in one go: enough misses to keep the memory system
     * busy, few enough that their loads fit the CPU's reorder window.
     */
    static final int TOUCH_RUN = 16;

    private final Memtable memtable;
    private final long[] nodes;
    /** What the touches loaded, stored so that the JIT keeps those loads; races are harmless. */
    private int touched;

    OrderedEntries(Memtable memtable, long[] nodes) {
        this.memtable = memtable;
        this.nodes = nodes;
    }

    /** The number of entries. */
    public int size() {
        return nodes.length;
    }

    /**
     * Calls {@code visitor} for entries {@code [from, to)}, in order.
     *
     * @throws IndexOutOfBoundsException if the range is not within {@code [0, size())}
     */
    public void forEach(int from, int to, EntryVisitor visitor) {
        java.util.Objects.checkFromToIndex(from, to, nodes.length);
        long[] records = new long[TOUCH_RUN];
        int sum = memtable.touch(nodes, from, Math.min(to, from + TOUCH_RUN), records);
        for (int run = from; run < to; run += TOUCH_RUN) {
            int next = run + TOUCH_RUN;
            if (next < to) {
                sum += memtable.touch(nodes, next, Math.min(to, next + TOUCH_RUN), records);
            }
            for (int i = run, end = Math.min(to, next); i < end; i++) {
                visitor.visit(memtable.internalKey(nodes[i]), memtable.value(nodes[i]));
            }
        }
        touched = sum;
    }
}
