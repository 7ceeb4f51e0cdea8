package io.lode.sst;

import io.lode.sst.block.Block;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link BlockCache} on the heap, bounded by the bytes of block contents it holds, evicting the
 * least recently used block. One lock: simple and adequate for tests and tools; the Isle reader's
 * cache is the off-heap one of the engine.
 */
public final class LruBlockCache implements BlockCache {
    private record Key(long tableId, long blockOffset) {}

    private final long capacityBytes;
    private final LinkedHashMap<Key, Block> blocks = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;

    public LruBlockCache(long capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("capacity must not be negative, got " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    @Override
    public synchronized Block get(long tableId, long blockOffset) {
        return blocks.get(new Key(tableId, blockOffset));
    }

    @Override
    public boolean copies(long bytes) {
        return bytes <= capacityBytes;
    }

    @Override
    public Block put(long tableId, long blockOffset, MemorySegment contents, Function<MemorySegment, Block> build) {
        long size = contents.byteSize();
        if (!copies(size)) {
            return build.apply(contents);
        }
        Block block = build.apply(MemorySegment.ofArray(contents.toArray(ValueLayout.JAVA_BYTE)));
        synchronized (this) {
            Block previous = blocks.put(new Key(tableId, blockOffset), block);
            if (previous != null) {
                bytes -= previous.contents().byteSize();
            }
            bytes += size;
            var it = blocks.entrySet().iterator();
            while (bytes > capacityBytes && it.hasNext()) {
                Map.Entry<Key, Block> eldest = it.next();
                bytes -= eldest.getValue().contents().byteSize();
                it.remove();
            }
        }
        return block;
    }

    /** Bytes of block contents currently held. */
    public synchronized long sizeBytes() {
        return bytes;
    }
}
