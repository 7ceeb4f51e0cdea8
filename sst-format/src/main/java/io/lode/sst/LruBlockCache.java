package io.lode.sst;

import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link BlockCache} bounded by the bytes it holds, evicting the least recently used block. One lock:
 * simple and adequate while a lookup's cost is dominated by the block search, not the map.
 */
public final class LruBlockCache implements BlockCache {
    private record Key(long tableId, long blockOffset) {}

    private final long capacityBytes;
    private final LinkedHashMap<Key, MemorySegment> blocks = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;

    public LruBlockCache(long capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("capacity must not be negative, got " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    @Override
    public synchronized MemorySegment get(long tableId, long blockOffset) {
        return blocks.get(new Key(tableId, blockOffset));
    }

    @Override
    public synchronized void put(long tableId, long blockOffset, MemorySegment contents) {
        if (contents.byteSize() > capacityBytes) {
            return;
        }
        MemorySegment previous = blocks.put(new Key(tableId, blockOffset), contents);
        if (previous != null) {
            bytes -= previous.byteSize();
        }
        bytes += contents.byteSize();
        var it = blocks.entrySet().iterator();
        while (bytes > capacityBytes && it.hasNext()) {
            Map.Entry<Key, MemorySegment> eldest = it.next();
            bytes -= eldest.getValue().byteSize();
            it.remove();
        }
    }

    /** Bytes of block contents currently held. */
    public synchronized long sizeBytes() {
        return bytes;
    }
}
