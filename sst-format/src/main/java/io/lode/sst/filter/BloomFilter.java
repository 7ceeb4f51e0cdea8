package io.lode.sst.filter;

import io.lode.core.memory.Layouts;
import java.lang.foreign.MemorySegment;

/**
 * Our cache-line-blocked Bloom filter: each key selects one 64-byte line and sets all its probe bits
 * inside it, so a query touches one cache line. Block layout:
 *
 * <pre>
 * line[0] ... line[n-1] (64 bytes each) | probes u8 | version u8 | 0 u16 | n u32 LE
 * </pre>
 *
 * The line comes from the low 32 bits of the key hash (multiply-shift range reduction); the probe
 * bit positions from the high 32 bits, remixed by a golden-ratio multiply for each probe and read
 * from the top 9 bits. Stored under {@link #METAINDEX_NAME}, a name RocksDB does not know and skips.
 */
public final class BloomFilter {
    /** The metaindex key of the filter block. */
    public static final String METAINDEX_NAME = "fullfilter.io.lode.BlockedBloomFilter";
    public static final int FORMAT_VERSION = 1;
    static final int LINE_BYTES = 64;
    static final int METADATA_BYTES = 8;
    static final int GOLDEN = 0x9e3779b9;

    private final MemorySegment lines;
    private final int lineCount;
    private final int probes;

    private BloomFilter(MemorySegment lines, int lineCount, int probes) {
        this.lines = lines;
        this.lineCount = lineCount;
        this.probes = probes;
    }

    /**
     * Reads a filter block, or returns {@code null} with {@code problem[0]} set if it is malformed (the
     * caller knows the file and offset to report).
     */
    public static BloomFilter parse(MemorySegment block, String[] problem) {
        long size = block.byteSize();
        if (size < METADATA_BYTES) {
            problem[0] = "filter block of " + size + " bytes has no metadata";
            return null;
        }
        long meta = size - METADATA_BYTES;
        int probes = block.get(Layouts.U8, meta) & 0xFF;
        int version = block.get(Layouts.U8, meta + 1) & 0xFF;
        long lineCount = Integer.toUnsignedLong(block.get(Layouts.U32_LE, meta + 4));
        if (version != FORMAT_VERSION) {
            problem[0] = "unknown filter version " + version;
            return null;
        }
        if (probes < 1 || probes > 30 || lineCount < 1 || lineCount * LINE_BYTES != meta) {
            problem[0] = "filter metadata (" + probes + " probes, " + lineCount + " lines) does not match its "
                    + size + " bytes";
            return null;
        }
        return new BloomFilter(block.asSlice(0, meta), (int) lineCount, probes);
    }

    /** False if the key with this {@link KeyHash} is certainly absent. */
    public boolean mayContain(long hash) {
        long line = ((hash & 0xFFFF_FFFFL) * lineCount) >>> 32;
        long base = line * LINE_BYTES;
        int h = (int) (hash >>> 32);
        for (int i = 0; i < probes; i++) {
            int bit = h >>> 23;
            long word = lines.get(Layouts.U64_LE, base + ((bit >>> 6) << 3));
            if ((word & (1L << (bit & 63))) == 0) {
                return false;
            }
            h *= GOLDEN;
        }
        return true;
    }

    public boolean mayContain(MemorySegment userKey) {
        return mayContain(KeyHash.hash(userKey));
    }

    public int probes() {
        return probes;
    }
}
